import type { GameState } from './games.js';
export interface Joined {
    type: 'joined';
    room: string;
    game: string;
    playerId: string;
    resume: string;
    tick: number;
    /** Ticks per second; 0 for a turn-based game. */
    tickRate: number;
    lastSeq: number;
}
export interface ChatLine {
    type: 'chat';
    from: string;
    name: string;
    text: string;
}
export interface ErrorFrame {
    type: 'error';
    code: string;
    message: string;
}
export interface Pong {
    type: 'pong';
    t: number;
    serverTime: number;
}
/** One entry of `GET /rooms` (protocol/README.md section 10). */
export interface RoomListing {
    room: string;
    game: string;
    mode: string;
    players: number;
    capacity: number;
}
export type ServerMessage = Joined | ChatLine | ErrorFrame | Pong | GameState;
