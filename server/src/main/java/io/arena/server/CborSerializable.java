package io.arena.server;

/** Marks messages, events and state that Akka serializes with Jackson CBOR (serialization.conf). */
public interface CborSerializable {}
