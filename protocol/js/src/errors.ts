/**
 * A request the server (or the way to it) refused. `code` is the protocol's error code
 * (protocol/README.md section 4), or one of the SDK's own: `connect_failed` (no edge could be
 * reached), `timeout` (no answer within the join timeout), `closed` (the socket closed first),
 * `left` (the room was left meanwhile) and `http_<status>` (the room list). Branch on `code`.
 */
export class ArenaError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'ArenaError';
  }
}
