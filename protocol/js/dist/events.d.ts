/** A minimal typed event emitter: `on` returns the function that unsubscribes. */
export declare class Emitter<Events extends {
    [K in keyof Events]: (...args: never[]) => void;
}> {
    private readonly listeners;
    on<K extends keyof Events>(event: K, listener: Events[K]): () => void;
    protected emit<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void;
}
