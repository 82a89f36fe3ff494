package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.ports.BoardStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The board of one channel (ADR 0008). While {@code threshold} or more operations are unfinished in
 * the channel at once, one more message lists them all, one line each, and is edited in place with
 * every change of any of them: one edit carries many rollouts, where their own messages would need
 * one edit each from a budget shared by the whole workspace. The board's edits go first in the
 * {@link EditLane}; the operations' own messages take the turns left and catch up. An operation
 * that ends stays on the board with its final state, so a final reaches the channel with the
 * board's next edit. Once none is unfinished, the board gets its last edit ("closed") and the next
 * crowd gets a new one.
 *
 * <p>Only operation views ({@link Reply.Operation}) are shown. The board is posted and edited on
 * the chat executor; callers never block. Its state lives in memory; the {@link BoardStore} only
 * knows it is open, so that the next start can close it ({@link LiveMessages#closeLeftBehind}) and
 * the operations that resume make a new board if they are still many. Thread-safe.
 */
final class ChannelBoard {
  private static final Logger log = LoggerFactory.getLogger(ChannelBoard.class);

  /** Lines on a board at most; the oldest ended operations leave first. */
  static final int MAX_SHOWN = 50;

  private final Conversation conversation;
  private final int threshold;
  private final Executor io;
  private final Function<MessageRef, LiveMessage> attach;
  private final BoardStore store;
  private final Runnable gone;
  private final Map<MessageRef, Reply.Operation> shown = new LinkedHashMap<>();
  private final Set<MessageRef> unfinished = new HashSet<>();
  private LiveMessage board;
  private boolean posting;

  /**
   * @param attach makes the board's own live message once it is posted
   * @param store remembers the board from its post to its last edit, across a restart
   * @param gone told when the channel stops having a board, so that what waited for it can go
   */
  ChannelBoard(
      Conversation conversation,
      int threshold,
      Executor io,
      Function<MessageRef, LiveMessage> attach,
      BoardStore store,
      Runnable gone) {
    if (threshold < 2) {
      throw new IllegalArgumentException("a board needs a threshold of at least 2 operations");
    }
    this.conversation = conversation;
    this.threshold = threshold;
    this.io = io;
    this.attach = attach;
    this.store = store;
    this.gone = gone;
  }

  /**
   * Whether the channel has a board now that shows its operations. Not while the board is being
   * posted: that can take seconds behind other posts, and the own messages show changes meanwhile.
   */
  synchronized boolean isOpen() {
    return board != null;
  }

  /**
   * A member message shows {@code reply} next. Called under the member's lock, in the order its
   * states were set; never blocks and takes no lock but this board's and the board message's.
   */
  void changed(MessageRef member, Reply reply) {
    if (reply instanceof Reply.Operation op) {
      record(member, op, op.state().isFinal());
    }
  }

  /** A member message's final state. Never blocks. */
  void ended(MessageRef member, Reply reply) {
    if (reply instanceof Reply.Operation op) {
      record(member, op, true);
    } else {
      forget(member);
    }
  }

  private void record(MessageRef member, Reply.Operation op, boolean isFinal) {
    LiveMessage target;
    Reply.Board next;
    boolean close;
    synchronized (this) {
      shown.put(member, op);
      if (isFinal) {
        unfinished.remove(member);
      } else {
        unfinished.add(member);
      }
      if (posting) {
        return; // the post shows the latest views once it lands
      }
      if (board == null) {
        if (unfinished.size() < threshold) {
          dropEndedLocked();
          return;
        }
        posting = true;
        next = viewLocked(false);
        target = null;
        close = false;
      } else {
        target = board;
        trimLocked();
        close = unfinished.isEmpty();
        next = viewLocked(close);
        if (close) {
          retireLocked();
        }
      }
    }
    if (target == null) {
      post(next);
    } else {
      show(target, next, close);
      if (close) {
        signalGone();
      }
    }
  }

  private synchronized void forget(MessageRef member) {
    unfinished.remove(member);
    if (board == null && !posting) {
      shown.remove(member);
    }
  }

  private void post(Reply.Board first) {
    try {
      io.execute(() -> postNow(first));
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        posting = false;
      }
      signalGone();
    }
  }

  private void postNow(Reply.Board first) {
    MessageRef ref;
    try {
      ref = conversation.post(first);
    } catch (RuntimeException e) {
      // The operations' own messages still carry everything; the next change tries again.
      log.warn("could not post the board of {}: {}", conversation.id(), e.toString());
      synchronized (this) {
        posting = false;
      }
      signalGone();
      return;
    }
    try {
      store.opened(ref);
    } catch (RuntimeException e) {
      log.warn("board {} in {} is not remembered: {}", ref.id(), ref.conversation(), e.toString());
    }
    LiveMessage posted = attach.apply(ref);
    Reply.Board now;
    boolean close;
    synchronized (this) {
      posting = false;
      board = posted;
      close = unfinished.isEmpty();
      now = viewLocked(close);
      if (close) {
        retireLocked();
      }
    }
    show(posted, now, close);
    if (close) {
      signalGone();
    }
  }

  private void show(LiveMessage target, Reply.Board view, boolean close) {
    if (close) {
      target
          .finish(view)
          .whenComplete(
              (done, e) -> {
                if (e != null) {
                  log.warn("the board {} was not closed: {}", target.ref().id(), e.toString());
                }
                unremember(target.ref());
              });
    } else {
      target.update(view);
    }
  }

  /**
   * Tells the lane, on the chat executor: this may be called under a member message's lock, and the
   * lane takes message locks under its own.
   */
  private void signalGone() {
    try {
      io.execute(gone);
    } catch (RejectedExecutionException e) {
      log.debug("the chat executor is shutting down; the lane is not woken");
    }
  }

  /** The board needs no closing after a restart any more. */
  private void unremember(MessageRef board) {
    try {
      store.closed(board);
    } catch (RuntimeException e) {
      log.warn("closed board {} is still remembered: {}", board.id(), e.toString());
    }
  }

  /** Unfinished operations first, then those ended; each group in the order they started. */
  private Reply.Board viewLocked(boolean closed) {
    List<Reply.Operation> ops = new ArrayList<>(shown.values());
    ops.sort(Comparator.comparing((Reply.Operation o) -> o.state().isFinal()));
    return new Reply.Board(ops, closed);
  }

  private void retireLocked() {
    board = null;
    shown.clear();
    unfinished.clear();
  }

  /** Without a board only unfinished operations are kept; with one, at most {@link #MAX_SHOWN}. */
  private void dropEndedLocked() {
    shown.keySet().removeIf(m -> !unfinished.contains(m));
  }

  /** Keeps a board at {@link #MAX_SHOWN} lines by dropping the operations that ended first. */
  private void trimLocked() {
    Iterator<MessageRef> oldest = shown.keySet().iterator();
    while (shown.size() > MAX_SHOWN && oldest.hasNext()) {
      if (!unfinished.contains(oldest.next())) {
        oldest.remove();
      }
    }
  }
}
