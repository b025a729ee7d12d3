package io.arena.server.room;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.SerializerWithStringManifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The two messages that cross nodes many times a second, written by hand (serialization.conf binds
 * them): {@link RoomInbox.Inputs}, an edge's batch of inputs for a node's rooms, and
 * {@link RoomUpdate.State}, a room's frame of each tick for an edge. Jackson CBOR spends most of
 * its time on field names and reflection for what is here a few numbers and byte arrays.
 *
 * <p>Room references are the hot part: each is written as its path once per message, and read back
 * through a small cache, since the same few hundred rooms come back every tick.
 */
public final class HotMessageSerializer extends SerializerWithStringManifest {

  private static final String INPUTS = "I";
  private static final String STATE = "S";
  /** Cached references beyond this are dropped all at once: rooms come and go. */
  private static final int MAX_CACHED_REFS = 8192;

  private final Map<ActorRef<?>, String> paths = new ConcurrentHashMap<>();
  private final Map<String, ActorRef<GameRoom.Command>> rooms = new ConcurrentHashMap<>();
  private final Function<ActorRef<?>, String> toPath;
  private final Function<String, ActorRef<GameRoom.Command>> toRoom;

  public HotMessageSerializer(ExtendedActorSystem system) {
    ActorRefResolver resolver = ActorRefResolver.get(Adapter.toTyped(system));
    this.toPath = resolver::toSerializationFormat;
    this.toRoom = resolver::resolveActorRef;
  }

  @Override
  public int identifier() {
    return 7_301;
  }

  @Override
  public String manifest(Object message) {
    if (message instanceof RoomInbox.Inputs) {
      return INPUTS;
    } else if (message instanceof RoomUpdate.State) {
      return STATE;
    }
    throw new IllegalArgumentException("not a hot message: " + message.getClass());
  }

  @Override
  public byte[] toBinary(Object message) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    DataOutputStream out = new DataOutputStream(bytes);
    try {
      if (manifest(message).equals(INPUTS)) {
        writeInputs((RoomInbox.Inputs) message, out);
      } else {
        writeState((RoomUpdate.State) message, out);
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return bytes.toByteArray();
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      return switch (manifest) {
        case INPUTS -> readInputs(in);
        case STATE -> readState(in);
        default -> throw new NotSerializableException("unknown manifest " + manifest);
      };
    } catch (IOException e) {
      NotSerializableException failure = new NotSerializableException("malformed " + manifest);
      failure.initCause(e);
      throw failure;
    }
  }

  // ---- inputs: per room, its path and its inputs (player, seq, values) ----

  private void writeInputs(RoomInbox.Inputs inputs, DataOutputStream out) throws IOException {
    out.writeInt(inputs.rooms().size());
    for (RoomInbox.RoomInputs room : inputs.rooms()) {
      out.writeUTF(pathOf(room.room()));
      out.writeInt(room.inputs().size());
      for (GameRoom.ApplyInput input : room.inputs()) {
        out.writeUTF(input.playerId());
        out.writeLong(input.seq());
        out.writeByte(input.values().length);
        for (double value : input.values()) {
          out.writeDouble(value);
        }
      }
    }
  }

  private RoomInbox.Inputs readInputs(DataInputStream in) throws IOException {
    int roomCount = in.readInt();
    List<RoomInbox.RoomInputs> rooms = new ArrayList<>(roomCount);
    for (int r = 0; r < roomCount; r++) {
      ActorRef<GameRoom.Command> room = roomAt(in.readUTF());
      int count = in.readInt();
      List<GameRoom.ApplyInput> inputs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String playerId = in.readUTF();
        long seq = in.readLong();
        double[] values = new double[in.readUnsignedByte()];
        for (int v = 0; v < values.length; v++) {
          values[v] = in.readDouble();
        }
        inputs.add(new GameRoom.ApplyInput(playerId, seq, values));
      }
      rooms.add(new RoomInbox.RoomInputs(room, inputs));
    }
    return new RoomInbox.Inputs(rooms);
  }

  // ---- state: room, tick, the three encodings (each may be absent), the players' own frames ----

  private void writeState(RoomUpdate.State state, DataOutputStream out) throws IOException {
    out.writeUTF(pathOf(state.room()));
    out.writeLong(state.tick());
    writeBytes(state.json(), out);
    writeBytes(state.delta(), out);
    writeBytes(state.keyframe(), out);
    out.writeInt(state.own().size());
    for (Map.Entry<Long, byte[]> own : state.own().entrySet()) {
      out.writeLong(own.getKey());
      writeBytes(own.getValue(), out);
    }
  }

  private RoomUpdate.State readState(DataInputStream in) throws IOException {
    ActorRef<GameRoom.Command> room = roomAt(in.readUTF());
    long tick = in.readLong();
    byte[] json = readBytes(in);
    byte[] delta = readBytes(in);
    byte[] keyframe = readBytes(in);
    int ownCount = in.readInt();
    Map<Long, byte[]> own = ownCount == 0 ? null : new HashMap<>(ownCount * 2);
    for (int i = 0; i < ownCount; i++) {
      own.put(in.readLong(), readBytes(in));
    }
    return new RoomUpdate.State(room, tick, json, delta, keyframe, own);
  }

  private static void writeBytes(byte[] bytes, DataOutputStream out) throws IOException {
    if (bytes == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(bytes.length);
      out.write(bytes);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return bytes;
  }

  // ---- room references ----

  private String pathOf(ActorRef<?> ref) {
    return cached(paths, ref, toPath);
  }

  private ActorRef<GameRoom.Command> roomAt(String path) {
    return cached(rooms, path, toRoom);
  }

  private static <K, V> V cached(Map<K, V> cache, K key, Function<K, V> compute) {
    V value = cache.get(key);
    if (value == null) {
      if (cache.size() >= MAX_CACHED_REFS) {
        cache.clear();
      }
      value = compute.apply(key);
      cache.put(key, value);
    }
    return value;
  }
}
