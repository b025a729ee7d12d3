export class CompactDecoder {
    current = null;
    apply(message) {
        const reader = new Reader(message instanceof Uint8Array ? message : new Uint8Array(message));
        const header = reader.u8();
        let next;
        if (header === 0x00) {
            next = keyframe(reader);
        }
        else if ((header & 0x01) !== 0 && (header & ~0x3f) === 0) {
            next = delta(reader, header, this.current);
        }
        else {
            throw new Error(`unknown frame header 0x${header.toString(16)}`);
        }
        if (!reader.atEnd())
            throw new Error('bytes after the end of the frame');
        this.current = next;
        return asJson(next);
    }
}
/** The state as the JSON `state` frame of its tick: positions from hundredths. */
function asJson(s) {
    const acks = {};
    for (const p of s.players)
        acks[p.id] = p.ack;
    return {
        type: 'state', room: s.room, tick: s.tick,
        players: s.players.map(p => ({ id: p.id, name: p.name, x: p.x / 100, y: p.y / 100, score: p.score })),
        coins: s.coins.map(c => ({ id: c.id, x: c.x / 100, y: c.y / 100 })),
        acks,
    };
}
function keyframe(r) {
    const tick = r.varint();
    const room = r.string();
    const players = [];
    for (let n = r.count(); n > 0; n--) {
        players.push({ id: r.string(), name: r.string(), x: r.svarint(), y: r.svarint(),
            stepX: r.svarint(), stepY: r.svarint(), score: r.svarint(), ack: r.svarint() });
    }
    const coins = [];
    for (let n = r.count(); n > 0; n--)
        coins.push({ id: r.svarint(), x: r.svarint(), y: r.svarint() });
    return { room, tick, players, coins };
}
const ROSTER = 0x02, MOVES = 0x04, ACKS = 0x08, SCORES = 0x10, COINS = 0x20;
function delta(r, header, base) {
    if (base === null)
        throw new Error('a delta before any keyframe');
    const check = r.u8();
    if (check !== (base.tick + 1) % 256) {
        throw new Error(`delta for a tick ending in ${check} does not follow tick ${base.tick}`);
    }
    let players;
    if (header & ROSTER) {
        players = [];
        for (let n = r.count(); n > 0; n--) {
            const from = r.varint();
            if (from > base.players.length)
                throw new Error('roster names a player the state does not have');
            players.push(from > 0 ? { ...base.players[from - 1] }
                : { id: r.string(), name: r.string(), x: r.svarint(), y: r.svarint(), stepX: 0, stepY: 0,
                    score: r.svarint(), ack: r.svarint() });
        }
    }
    else {
        players = base.players.map(p => ({ ...p }));
    }
    for (const p of players) {
        p.x += p.stepX;
        p.y += p.stepY;
    }
    if (header & MOVES) {
        const mask = r.mask(players.length);
        players.forEach((p, i) => {
            if (mask(i)) {
                const missX = r.svarint(), missY = r.svarint();
                p.x += missX;
                p.y += missY;
                p.stepX += missX;
                p.stepY += missY;
            }
        });
    }
    if (header & ACKS) {
        const mask = r.mask(players.length);
        players.forEach((p, i) => { if (mask(i))
            p.ack += r.svarint(); });
    }
    if (header & SCORES) {
        const mask = r.mask(players.length);
        players.forEach((p, i) => { if (mask(i))
            p.score += r.svarint(); });
    }
    const coins = base.coins.map(c => ({ ...c }));
    if (header & COINS) {
        for (let n = r.count(); n > 0; n--) {
            const slot = r.varint();
            const coin = coins[slot];
            if (coin === undefined)
                throw new Error(`no coin slot ${slot}`);
            coin.id += r.svarint();
            coin.x = r.svarint();
            coin.y = r.svarint();
        }
    }
    return { room: base.room, tick: base.tick + 1, players, coins };
}
const utf8 = new TextDecoder('utf-8');
class Reader {
    bytes;
    pos = 0;
    constructor(bytes) {
        this.bytes = bytes;
    }
    atEnd() {
        return this.pos === this.bytes.length;
    }
    u8() {
        if (this.pos >= this.bytes.length)
            throw new Error('frame ends early');
        return this.bytes[this.pos++];
    }
    /** Unsigned LEB128, in doubles (bit operators would cut it to 32 bits). */
    varint() {
        let value = 0, scale = 1;
        for (let i = 0; i < 10; i++) {
            const b = this.u8();
            value += (b & 0x7f) * scale;
            if ((b & 0x80) === 0)
                return value;
            scale *= 128;
        }
        throw new Error('varint longer than 10 bytes');
    }
    /** Zigzag: 0, 1, 2, 3, 4 stand for 0, -1, 1, -2, 2. */
    svarint() {
        const z = this.varint();
        return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
    }
    /** A count of entries of at least a byte each: never more than the bytes left. */
    count() {
        const n = this.varint();
        if (n > this.bytes.length - this.pos)
            throw new Error('count exceeds the bytes left');
        return n;
    }
    string() {
        const length = this.count();
        const text = utf8.decode(this.bytes.subarray(this.pos, this.pos + length));
        this.pos += length;
        return text;
    }
    /** The players' bit mask, as a function of the player index. */
    mask(players) {
        const bytes = [];
        for (let b = 0; b < Math.ceil(players / 8); b++)
            bytes.push(this.u8());
        return i => (bytes[i >> 3] & (1 << (i & 7))) !== 0;
    }
}
