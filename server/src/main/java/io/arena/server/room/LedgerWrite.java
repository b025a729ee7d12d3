package io.arena.server.room;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.pattern.StatusReply;
import akka.util.Timeout;
import java.time.Duration;
import java.util.function.Function;
import scala.reflect.ClassTag;
import scala.util.Try;

/**
 * Asks a room's ledger to store a batch or a checkpoint, and hands whether it did to the asking
 * actor as a message, through Akka's Scala API, whose answer is handed over on the thread that
 * completes it. The Java API's ask goes through a CompletableFuture whose callback runs on the
 * JDK's default async executor: one more hand-off per write, to the common pool, or a new thread
 * per write where that pool has one thread (2 cores) and nothing set it, as {@code Main} does.
 * {@code loadtest/storebench.sh 2000}, 4000 writes a second: the writing JVM used 63% of a core
 * through the Java API with the common pool at two threads, 53% through this.
 */
final class LedgerWrite {
  private static final ClassTag<Done> DONE = ClassTag.apply(Done.class);

  private LedgerWrite() {}

  /** Sends {@code request}; {@code stored} makes the message of its outcome (false: failed or no answer in time). */
  static <R, T> void ask(ActorContext<T> context, RecipientRef<R> ledger, Duration timeout,
      Function<ActorRef<StatusReply<Done>>, R> request, Function<Boolean, T> stored) {
    context.asScala().askWithStatus(ledger, request::apply,
        (Try<Done> outcome) -> stored.apply(outcome.isSuccess()), Timeout.create(timeout), DONE);
  }
}
