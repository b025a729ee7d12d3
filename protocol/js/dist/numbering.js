/**
 * The `seq` of a player's inputs (protocol/README.md sections 2 and 3): each is above every one
 * sent before and above the `lastSeq` the server answered with, so none is reused across resumes,
 * sockets or edges: next = max(lastSeq, highest sent) + 1.
 */
export class InputNumbering {
    highest;
    constructor(lastSeq) {
        this.highest = lastSeq;
    }
    next() {
        return ++this.highest;
    }
    /** A resume's `joined.lastSeq`: what the room applied last for this player. */
    resumed(lastSeq) {
        this.highest = Math.max(this.highest, lastSeq);
    }
    /** The highest seq sent or acknowledged so far. */
    get last() {
        return this.highest;
    }
}
