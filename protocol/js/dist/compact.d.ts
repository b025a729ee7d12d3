import type { ArenaState } from './games.js';
export declare class CompactDecoder {
    private current;
    apply(message: ArrayBuffer | Uint8Array): ArenaState;
}
