package io.arena.server.room;

import akka.actor.typed.ActorSystem;
import akka.cluster.sharding.typed.ClusterShardingSettings;
import akka.cluster.sharding.typed.HashCodeMessageExtractor;

/**
 * Which shard a room belongs to: sharding's own hash of the room id over
 * {@code akka.cluster.sharding.number-of-shards}, given to sharding explicitly so that a room can
 * name its shard (the entity's shard reference is a delegator that names none).
 */
final class RoomShards {
  private final HashCodeMessageExtractor<GameRoom.Command> extractor;

  private RoomShards(int numberOfShards) {
    this.extractor = new HashCodeMessageExtractor<>(numberOfShards);
  }

  static RoomShards of(ActorSystem<?> system) {
    return new RoomShards(ClusterShardingSettings.create(system).numberOfShards());
  }

  HashCodeMessageExtractor<GameRoom.Command> extractor() {
    return extractor;
  }

  String shardOf(String roomId) {
    return extractor.shardId(roomId);
  }
}
