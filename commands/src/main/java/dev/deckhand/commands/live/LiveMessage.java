package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat message edited in place as an operation moves on. Updates are coalesced: only the latest
 * state is sent, never two edits closer than the conversation's minimum interval, and at most one
 * edit is in flight. The final state is always delivered: a failed edit is retried with backoff
 * while it is the newest state.
 *
 * <p>Thread-safe; {@link #update} and {@link #finish} never block.
 */
public final class LiveMessage {
  private static final Logger log = LoggerFactory.getLogger(LiveMessage.class);
  private static final int MAX_FINAL_ATTEMPTS = 12;

  private final Conversation conversation;
  private final MessageRef ref;
  private final ScheduledExecutorService scheduler;
  private final Executor io;
  private final LongSupplier nanoClock;
  private final CompletableFuture<Void> delivered = new CompletableFuture<>();

  private Reply pending;
  private boolean finalPending;
  private boolean busy;
  private long lastSentNanos = Long.MIN_VALUE / 2;
  private int failures;
  private int finalFailures;

  LiveMessage(
      Conversation conversation,
      MessageRef ref,
      ScheduledExecutorService scheduler,
      Executor io,
      LongSupplier nanoClock) {
    this.conversation = conversation;
    this.ref = ref;
    this.scheduler = scheduler;
    this.io = io;
    this.nanoClock = nanoClock;
  }

  public MessageRef ref() {
    return ref;
  }

  public Conversation conversation() {
    return conversation;
  }

  /** Replaces what the message should show next; an earlier unsent state is dropped. */
  public void update(Reply reply) {
    synchronized (this) {
      if (finalPending || delivered.isDone()) {
        return;
      }
      pending = reply;
      scheduleLocked();
    }
  }

  /**
   * Sets the final state. The returned future completes once it has been delivered, or fails after
   * repeated delivery failures.
   */
  public CompletableFuture<Void> finish(Reply reply) {
    synchronized (this) {
      if (!delivered.isDone()) {
        pending = reply;
        finalPending = true;
        scheduleLocked();
      }
    }
    return delivered;
  }

  private void scheduleLocked() {
    if (busy) {
      return;
    }
    busy = true;
    long interval = conversation.minEditInterval().toNanos() * (1L << Math.min(failures, 5));
    long wait = Math.max(0, lastSentNanos + interval - nanoClock.getAsLong());
    scheduler.schedule(() -> io.execute(this::send), wait, TimeUnit.NANOSECONDS);
  }

  private void send() {
    Reply reply;
    boolean isFinal;
    synchronized (this) {
      reply = pending;
      isFinal = finalPending;
      pending = null;
    }
    boolean ok = reply == null || tryEdit(reply);
    synchronized (this) {
      lastSentNanos = nanoClock.getAsLong();
      busy = false;
      if (ok) {
        failures = 0;
        if (isFinal && pending == null) {
          delivered.complete(null);
          return;
        }
      } else {
        failures++;
        if (isFinal) {
          finalFailures++;
        }
        if (pending == null) {
          pending = reply;
        }
        if (finalPending && finalFailures >= MAX_FINAL_ATTEMPTS) {
          delivered.completeExceptionally(
              new IllegalStateException("final state of message " + ref.id() + " not delivered"));
          return;
        }
      }
      if (pending != null) {
        scheduleLocked();
      }
    }
  }

  private boolean tryEdit(Reply reply) {
    try {
      conversation.edit(ref, reply);
      return true;
    } catch (RuntimeException e) {
      log.warn("editing message {} in {} failed: {}", ref.id(), ref.conversation(), e.toString());
      return false;
    }
  }

  /** For tests and logs: the minimum interval this message keeps between edits. */
  Duration minInterval() {
    return conversation.minEditInterval();
  }
}
