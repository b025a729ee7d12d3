/** A minimal typed event emitter: `on` returns the function that unsubscribes. */
export class Emitter {
    listeners = new Map();
    on(event, listener) {
        let set = this.listeners.get(event);
        if (set === undefined) {
            set = new Set();
            this.listeners.set(event, set);
        }
        set.add(listener);
        return () => { set.delete(listener); };
    }
    emit(event, ...args) {
        const set = this.listeners.get(event);
        if (set === undefined)
            return;
        for (const listener of [...set]) {
            // One listener's exception must not keep the others, or the room, from going on.
            try {
                listener(...args);
            }
            catch (error) {
                queueMicrotask(() => { throw error; });
            }
        }
    }
}
