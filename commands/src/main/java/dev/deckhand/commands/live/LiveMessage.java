package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.RateLimitedException;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat message edited in place as an operation moves on. Updates are coalesced: only the latest
 * state is sent, never two edits closer than the conversation's minimum interval, and at most one
 * edit is in flight. Edits then wait for their turn in the one queue ({@link EditLane}) of the
 * conversation's shared {@link EditBudget}, which sends one edit at a time within it. The final
 * state is always delivered: a failed edit is retried with backoff while it is the newest state; an
 * edit refused with {@link RateLimitedException} pauses the shared budget and this message until
 * its Retry-After has passed, keeps its state merged with newer ones, and does not count as a
 * failure. When its channel has a board ({@link ChannelBoard}), every state is shown there too.
 *
 * <p>A message people act on is never held behind a board: while it shows an approval request
 * ({@link OperationState#PENDING_APPROVAL}) or is about to show the request's outcome (the first
 * state after it: running, rejected, expired, cancelled), its edits go first in the lane. Told
 * apart by the states it shows, not by calls from the engine.
 *
 * <p>Thread-safe; {@link #update}, {@link #finish} and {@link #postUnder} never block.
 */
public final class LiveMessage {
  private static final Logger log = LoggerFactory.getLogger(LiveMessage.class);
  private static final int MAX_FINAL_ATTEMPTS = 12;

  private final Conversation conversation;
  private final MessageRef ref;
  private final ScheduledExecutorService scheduler;
  private final EditLane lane;
  private final LongSupplier nanoClock;
  private final boolean isBoard;
  private final ChannelBoard board;
  private final Outbox outbox;
  private final CompletableFuture<Void> delivered = new CompletableFuture<>();

  private Reply pending;
  private OperationState shown;
  private boolean finalPending;
  private boolean busy;
  private long lastSentNanos = Long.MIN_VALUE / 2;
  private long notBeforeNanos = Long.MIN_VALUE / 2;
  private int failures;
  private int finalFailures;

  LiveMessage(
      Conversation conversation,
      MessageRef ref,
      ScheduledExecutorService scheduler,
      EditLane lane,
      LongSupplier nanoClock,
      boolean isBoard,
      ChannelBoard board,
      Outbox outbox) {
    this.conversation = conversation;
    this.ref = ref;
    this.scheduler = scheduler;
    this.lane = lane;
    this.nanoClock = nanoClock;
    this.isBoard = isBoard;
    this.board = board;
    this.outbox = outbox;
  }

  public MessageRef ref() {
    return ref;
  }

  public Conversation conversation() {
    return conversation;
  }

  /**
   * Posts {@code reply} in this message's thread through the conversation's {@link Outbox}: in
   * order with the other posts of the conversation, after any Retry-After. Never blocks.
   */
  public void postUnder(Reply reply, Outbox.Kind kind) {
    outbox.postUnder(conversation, ref, reply, kind);
  }

  /**
   * Posts {@code reply} in this message's channel, beside it (an announcement), through the
   * conversation's {@link Outbox}. Never blocks.
   */
  public void postBeside(Reply reply, Outbox.Kind kind) {
    outbox.post(conversation, reply, kind);
  }

  /** Replaces what the message should show next; an earlier unsent state is dropped. */
  public void update(Reply reply) {
    synchronized (this) {
      if (finalPending || delivered.isDone()) {
        return;
      }
      pending = reply;
      scheduleLocked();
      // Under this message's lock, so that the board sees its states in the order they were set:
      // a state set on another thread cannot reach the board after the final one.
      if (board != null) {
        board.changed(ref, reply);
      }
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
        if (board != null) {
          board.ended(ref, reply);
        }
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
    long now = nanoClock.getAsLong();
    long wait = Math.max(0, Math.max(lastSentNanos + interval - now, notBeforeNanos - now));
    sendAfter(wait);
  }

  private void sendAfter(long nanos) {
    scheduler.schedule(this::ready, nanos, TimeUnit.NANOSECONDS);
  }

  /** This message's own spacing allows an edit: it joins the queue of its budget. */
  private void ready() {
    if (isBoard) {
      lane.readyBoard(this::transmit);
    } else {
      lane.ready(
          new EditLane.Entry(this::transmit, this::finalPending, this::onBoard, this::actedOn));
    }
  }

  private synchronized boolean finalPending() {
    return finalPending;
  }

  private boolean onBoard() {
    return board != null && board.isOpen() && !actedOn();
  }

  /**
   * Whether people act on what this message is to show: an approval request, or its outcome (the
   * chat still shows the request).
   */
  private synchronized boolean actedOn() {
    return stateOf(pending) == OperationState.PENDING_APPROVAL
        || (pending != null && shown == OperationState.PENDING_APPROVAL);
  }

  /** The chat shows {@code reply} now (it was posted, or an edit of it was answered). */
  synchronized void shows(Reply reply) {
    OperationState state = stateOf(reply);
    if (state != null) {
      shown = state;
    }
  }

  private static OperationState stateOf(Reply reply) {
    return reply instanceof Reply.Operation op ? op.state() : null;
  }

  /** Makes the edit now; called by the lane when it is this message's turn. Blocks on the chat. */
  void transmit() {
    Reply reply;
    boolean isFinal;
    synchronized (this) {
      reply = pending;
      isFinal = finalPending;
      pending = null;
    }
    Outcome outcome = reply == null ? Outcome.SENT : tryEdit(reply);
    synchronized (this) {
      lastSentNanos = nanoClock.getAsLong();
      busy = false;
      if (outcome == Outcome.SENT) {
        failures = 0;
        shows(reply);
        if (isFinal && pending == null) {
          delivered.complete(null);
          return;
        }
      } else {
        if (outcome == Outcome.FAILED) {
          failures++;
          if (isFinal) {
            finalFailures++;
          }
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

  private Outcome tryEdit(Reply reply) {
    try {
      conversation.edit(ref, reply);
      return Outcome.SENT;
    } catch (RateLimitedException e) {
      conversation.editBudget().pauseFor(e.retryAfter());
      synchronized (this) {
        notBeforeNanos = nanoClock.getAsLong() + e.retryAfter().toNanos();
      }
      log.info(
          "editing message {} in {} rate-limited, retrying after {} ms",
          ref.id(),
          ref.conversation(),
          e.retryAfter().toMillis());
      return Outcome.RATE_LIMITED;
    } catch (RuntimeException e) {
      log.warn("editing message {} in {} failed: {}", ref.id(), ref.conversation(), e.toString());
      return Outcome.FAILED;
    }
  }

  private enum Outcome {
    SENT,
    FAILED,
    RATE_LIMITED
  }
}
