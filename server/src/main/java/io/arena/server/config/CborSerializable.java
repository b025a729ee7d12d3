package io.arena.server.config;

/** Marks messages, events and state that Akka serializes with Jackson CBOR (serialization.conf). */
public interface CborSerializable {}
