// Compiled, never run (`npm test` type-checks it): what the types promise a TypeScript app.
import { Client, type GameState, type Room, type TicTacToeInput, type TicTacToeState } from '../../src/index.js';

interface ChessState extends GameState { fen: string }
interface ChessInput { from: string; to: string }

export async function typedByTheGame(client: Client): Promise<void> {
  const ttt = await client.quickJoin({ game: 'tictactoe', name: 'Ada' });
  const same: Room<TicTacToeState, TicTacToeInput> = ttt;
  same.send({ cell: 4 });
  // @ts-expect-error an arena input is no tic-tac-toe move
  ttt.send({ dx: 1, dy: 0 });
  ttt.on('state', state => { const board: string = state.board; void board; });

  const arena = await client.quickJoin({ name: 'Bo' });          // the arena unless told
  arena.on('state', state => { const x: number | undefined = state.players[0]?.x; void x; });
  arena.send({ dx: 1, dy: -1 });

  const rps = await client.join('table-1', { game: 'rps', name: 'Cy' });
  rps.send({ pick: 'rock' });
  // @ts-expect-error not a pick of rock-paper-scissors
  rps.send({ pick: 'lizard' });

  const chess = await client.quickJoin<'chess', ChessState, ChessInput>({ game: 'chess', name: 'Di' });
  chess.send({ from: 'e2', to: 'e4' });
  chess.on('state', state => { const fen: string = state.fen; void fen; });

  const unknown = await client.quickJoin({ game: 'go', name: 'Ed' });   // fields of any game
  unknown.send({ x: 3, y: 4 });
}
