/** What every game's `state` frame carries (protocol/README.md section 12.2). */
export interface GameState {
    type: 'state';
    room: string;
    /** Goes up by one per frame; may go back after a crash (section 6, G2). */
    tick: number;
    /** playerId to the last input `seq` the room applied for that player. */
    acks: Record<string, number>;
}
export interface ArenaPlayer {
    id: string;
    name: string;
    x: number;
    y: number;
    score: number;
}
export interface Coin {
    id: number;
    x: number;
    y: number;
}
export interface ArenaState extends GameState {
    players: ArenaPlayer[];
    coins: Coin[];
}
/** Movement intent, each in [-1, 1]; held every tick until the next input. */
export interface ArenaInput {
    dx: number;
    dy: number;
}
export type Mark = 'X' | 'O';
export interface TicTacToePlayer {
    id: string;
    name: string;
    mark: Mark;
    wins: number;
    connected: boolean;
}
export interface TicTacToeState extends GameState {
    round: number;
    /** 9 characters, row-major, each 'X', 'O' or '.'. */
    board: string;
    /** The id of the player to move; null while no round runs. */
    turn: string | null;
    result: Mark | 'draw' | null;
    players: TicTacToePlayer[];
}
/** A cell, 0-8, row-major. */
export interface TicTacToeInput {
    cell: number;
}
export type RpsPick = 'rock' | 'paper' | 'scissors';
export interface RpsPlayer {
    id: string;
    name: string;
    wins: number;
    picked: boolean;
    connected: boolean;
}
export interface RpsRound {
    round: number;
    picks: Record<string, RpsPick>;
    winner: string;
}
export interface RpsState extends GameState {
    round: number;
    players: RpsPlayer[];
    last: RpsRound | null;
    /** This player's own view: its pick this round, which nobody else sees before both picked. */
    you: {
        pick: RpsPick | null;
    };
}
export interface RpsInput {
    pick: RpsPick;
}
/** The bundled games by id. */
export interface Games {
    arena: {
        state: ArenaState;
        input: ArenaInput;
    };
    tictactoe: {
        state: TicTacToeState;
        input: TicTacToeInput;
    };
    rps: {
        state: RpsState;
        input: RpsInput;
    };
}
/** Fields of an input beyond `seq`, for a game this package does not know. */
export type Fields = Record<string, string | number>;
export type StateOf<G extends string> = G extends keyof Games ? Games[G]['state'] : GameState;
export type InputOf<G extends string> = G extends keyof Games ? Games[G]['input'] : Fields;
