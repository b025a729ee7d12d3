// The entry point: joins rooms through one or several edges, and reads the room list.
import { DEFAULT_RECONNECT } from './backoff.js';
import { edgeOf, enter, webSocketClass } from './connection.js';
import { ArenaError } from './errors.js';
import { Room } from './room.js';
const JOIN_TIMEOUT_MS = 15_000; // above the server's own 10 s answer to a room that is stuck
export class Client {
    edges;
    options;
    /** `edges`: one address or several (`ws://host:8080`, `http://host:8080`, ...), tried in order. */
    constructor(edges, options = {}) {
        this.edges = (Array.isArray(edges) ? edges : [edges]).map(edgeOf);
        if (this.edges.length === 0)
            throw new TypeError('a client needs at least one edge address');
        this.options = options;
    }
    /** A seat in a public room of the game and mode, or a new room (protocol/README.md section 10). */
    quickJoin(options) {
        return this.enter({ type: 'join', ...joinFields(options) }, undefined);
    }
    /** Joins room `room`, creating it (of `options.game`) if it does not exist. */
    join(room, options) {
        const frame = { type: 'join', room, ...joinFields(options) };
        if (options.private)
            frame.private = true;
        return this.enter(frame, room);
    }
    /** Comes back as the player of a resume token (Room.resumeToken), on any edge. */
    resume(token) {
        return this.enter({ type: 'join', resume: token }, undefined);
    }
    /** The public rooms with players, fullest first, as `GET /rooms` on the first edge that answers. */
    async rooms(filter = {}) {
        const query = new URLSearchParams();
        if (filter.game !== undefined)
            query.set('game', filter.game);
        if (filter.mode !== undefined)
            query.set('mode', filter.mode);
        if (filter.limit !== undefined)
            query.set('limit', String(filter.limit));
        const suffix = query.toString() !== '' ? `?${query}` : '';
        let failure = new ArenaError('connect_failed', 'no edge answered');
        for (const edge of this.edges) {
            let response;
            try {
                response = await fetch(`${edge.http}/rooms${suffix}`);
            }
            catch (error) {
                failure = new ArenaError('connect_failed', `could not reach ${edge.http}: ${error.message}`);
                continue;
            }
            if (!response.ok)
                throw new ArenaError(`http_${response.status}`, (await response.text()).trim());
            return (await response.json()).rooms;
        }
        throw failure;
    }
    /** Tries the edges in order until one takes the socket; the server's answer is final. */
    async enter(frame, room) {
        const context = await this.context();
        let failure;
        for (let index = 0; index < this.edges.length; index++) {
            try {
                const { connection, joined } = await enter(this.edges[index], frame, room, context);
                return new Room(context, connection, joined, index);
            }
            catch (error) {
                failure = error;
                const code = error instanceof ArenaError ? error.code : '';
                if (code !== 'connect_failed' && code !== 'timeout')
                    throw error;
            }
        }
        throw failure;
    }
    async context() {
        return {
            edges: this.edges,
            WebSocket: this.options.WebSocket ?? await webSocketClass(),
            compact: this.options.state === 'compact',
            joinTimeoutMs: this.options.joinTimeoutMs ?? JOIN_TIMEOUT_MS,
            reconnect: { ...DEFAULT_RECONNECT, ...this.options.reconnect },
            pingIntervalMs: this.options.pingIntervalMs ?? 2000,
            random: this.options.random ?? Math.random,
        };
    }
}
function joinFields(options) {
    const fields = { name: options.name };
    if (options.game !== undefined)
        fields.game = options.game;
    if (options.mode !== undefined)
        fields.mode = options.mode;
    if (options.token !== undefined)
        fields.token = options.token;
    return fields;
}
