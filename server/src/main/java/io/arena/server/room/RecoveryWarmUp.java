package io.arena.server.room;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import java.time.Duration;

/**
 * Runs a room's recovery once when a node starts, on a ledger no room has ("~" is never in a room
 * id), so that the first room the node takes over after a crash does not pay for the cold path:
 * the store's first read queries are compiled and their classes loaded on first use. Without it
 * that first recovery read took 0.8-1.3 s (server/walkthrough-timings.sh), most of a failover's
 * last step.
 */
public final class RecoveryWarmUp {
  private static final String ROOM_ID = "~warm-up";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private sealed interface Event {}

  private record Recovered() implements Event {}

  private RecoveryWarmUp() {}

  /** Stops itself once the ledger has recovered, or after 30 s (a store that is down at start). */
  public static Behavior<?> create() {
    return Behaviors.<Event>setup(ctx -> {
      ActorRef<RoomLedger.Command> ledger =
          ctx.spawn(RoomLedger.create(PersistenceId.of(GameRoom.ENTITY_KEY.name(), ROOM_ID),
              ctx.getSystem().ignoreRef()), "ledger");
      long started = System.nanoTime();
      ctx.ask(RoomLedger.State.class, ledger, PATIENCE, RoomLedger.GetState::new, (state, failure) -> {
        if (failure != null) {
          ctx.getLog().warn("Recovery warm-up did not finish within {}", PATIENCE);
        }
        return new Recovered();
      });
      return Behaviors.receive(Event.class)
          .onMessage(Recovered.class, done -> {
            ctx.getLog().info("Recovery path warmed up in {} ms", (System.nanoTime() - started) / 1_000_000);
            return Behaviors.stopped();
          })
          .build();
    });
  }
}
