// The states and inputs of the bundled games (protocol/README.md sections 3, 12.8 and 12.9), and
// the map from a game's id to them that types a Room. A game of your own: pass its types as
// type parameters (client.quickJoin<'chess', ChessState, ChessInput>({ game: 'chess', ... })).
export {};
