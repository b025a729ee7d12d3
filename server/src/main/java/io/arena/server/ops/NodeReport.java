package io.arena.server.ops;

import io.arena.server.config.CborSerializable;
import io.arena.server.room.RoomStatus;
import java.util.List;

/**
 * One node's answer to the operator dashboard: its shards, its rooms and its frame counter. Sent
 * across the cluster once a second to every node's {@link DashboardView}.
 *
 * @param rooms rooms running on the node, all of them; {@code listedRooms} holds at most
 *     {@link NodeReporter#MAX_LISTED_ROOMS}, the ones with the most players first, so a report
 *     stays far below Artery's frame size however many rooms a node runs
 * @param framesOut WebSocket frames the node has sent to players since it started
 */
public record NodeReport(String address, List<String> roles, long atMillis, long framesOut,
    int rooms, int players, List<ShardReport> shards, List<RoomStatus> listedRooms)
    implements CborSerializable {

  /** A shard this node hosts and how many rooms run in it. */
  public record ShardReport(String id, int rooms) {}
}
