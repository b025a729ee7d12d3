package io.arena.game.host;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.arena.game.ViewWriter;
import io.arena.protocol.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The JSON {@code state} frames of a room (protocol/README.md sections 3 and 12): {@code type},
 * {@code room} and {@code tick}, the game's view, then {@code acks}. The shared frame is encoded
 * once; a player with a view of its own gets the shared frame's bytes with its own fields spliced
 * in before {@code acks}, so the shared part is not encoded again. Confined to one room.
 */
final class JsonViews implements ViewWriter {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonGenerator json;

  /** Writes a frame: {@code view} writes the game's fields, {@code acks} are in the room's order. */
  interface Part {
    void write(ViewWriter out);
  }

  /** The shared frame, and where its acks begin (own fields go there). */
  record Frame(byte[] bytes, int acksAt) {}

  Frame frame(String room, long tick, Part view, Iterable<? extends Acked> acks) {
    ByteArrayBuilder out = new ByteArrayBuilder(512);
    try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json = generator;
      generator.writeStartObject();
      generator.writeStringField("type", "state");
      generator.writeStringField("room", room);
      generator.writeNumberField("tick", tick);
      view.write(this);
      generator.flush();
      int acksAt = out.size();
      generator.writeObjectFieldStart("acks");
      for (Acked player : acks) {
        generator.writeNumberField(player.id(), player.lastSeq());
      }
      generator.writeEndObject();
      generator.writeEndObject();
      generator.flush();
      return new Frame(out.toByteArray(), acksAt);
    } catch (IOException e) {
      throw cannotFail(e);
    } finally {
      json = null;
    }
  }

  /** {@code shared} with the fields {@code own} writes before its acks; shared itself if none. */
  byte[] withOwn(Frame shared, Part own) {
    ByteArrayBuilder out = new ByteArrayBuilder(128);
    try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      json = generator;
      generator.writeStartObject();
      own.write(this);
      generator.writeEndObject();
    } catch (IOException e) {
      throw cannotFail(e);
    } finally {
      json = null;
    }
    byte[] fields = out.toByteArray(); // {"you":...}: its inside goes in, after a comma
    if (fields.length <= 2) {
      return shared.bytes();
    }
    byte[] bytes = shared.bytes();
    int acksAt = shared.acksAt();
    int ownLength = fields.length - 2;
    byte[] spliced = Arrays.copyOf(bytes, bytes.length + ownLength + 1);
    // the shared frame continues ',"acks":...' at acksAt: own fields go before it, after a comma
    spliced[acksAt] = ',';
    System.arraycopy(fields, 1, spliced, acksAt + 1, ownLength);
    System.arraycopy(bytes, acksAt, spliced, acksAt + 1 + ownLength, bytes.length - acksAt);
    return spliced;
  }

  private void name(String name) throws IOException {
    if (name != null) {
      json.writeFieldName(name);
    }
  }

  // Each write is direct (no lambda): views are written every tick for every room.

  @Override
  public void beginObject(String name) {
    try {
      name(name);
      json.writeStartObject();
    } catch (IOException e) {
      throw cannotFail(e);
    }
  }

  @Override
  public void endObject() {
    try {
      json.writeEndObject();
    } catch (IOException e) {
      throw cannotFail(e);
    }
  }

  @Override
  public void beginArray(String name) {
    try {
      name(name);
      json.writeStartArray();
    } catch (IOException e) {
      throw cannotFail(e);
    }
  }

  @Override
  public void endArray() {
    try {
      json.writeEndArray();
    } catch (IOException e) {
      throw cannotFail(e);
    }
  }

  @Override
  public void string(String name, String value) {
    try {
      name(name);
      json.writeString(value);
    } catch (IOException e) {
      throw cannotFail(e);
    }
  }

  @Override
  public void integer(String name, long value) {
    try {
      name(name);
      json.writeNumber(value);
    } catch (IOException e) {
      throw cannotFail(e);
    }
  }

  @Override
  public void bool(String name, boolean value) {
    try {
      name(name);
      json.writeBoolean(value);
    } catch (IOException e) {
      throw cannotFail(e);
    }
  }

  @Override
  public void hundredths(String name, double value) {
    try {
      name(name);
      Codec.writeHundredths(json, value);
    } catch (IOException e) {
      throw cannotFail(e);
    }
  }

  @Override
  public void nil(String name) {
    try {
      name(name);
      json.writeNull();
    } catch (IOException e) {
      throw cannotFail(e);
    }
  }

  private static UncheckedIOException cannotFail(IOException e) {
    return new UncheckedIOException("writing to memory cannot fail", e);
  }
}
