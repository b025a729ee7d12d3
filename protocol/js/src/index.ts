// arena-client: the client SDK for arena game servers (protocol/js/README.md).
export { Client } from './client.js';
export type { ClientOptions, JoinOptions, QuickJoinOptions, RoomFilter } from './client.js';
export { Room } from './room.js';
export type { RoomEvents, RoomStatus } from './room.js';
export { ArenaError } from './errors.js';
export { CompactDecoder } from './compact.js';
export { Interpolation, Prediction, arenaLerp, arenaStep } from './realtime.js';
export { backoffDelay, DEFAULT_RECONNECT } from './backoff.js';
export type { ReconnectOptions } from './backoff.js';
export { InputNumbering } from './numbering.js';
export type * from './games.js';
export type { ChatLine, Joined, RoomListing } from './messages.js';
