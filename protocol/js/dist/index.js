// arena-client: the client SDK for arena game servers (protocol/js/README.md).
export { Client } from './client.js';
export { Room } from './room.js';
export { ArenaError } from './errors.js';
export { CompactDecoder } from './compact.js';
export { Interpolation, Prediction, arenaLerp, arenaStep } from './realtime.js';
export { backoffDelay, DEFAULT_RECONNECT } from './backoff.js';
export { InputNumbering } from './numbering.js';
