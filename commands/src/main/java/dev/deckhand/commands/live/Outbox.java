package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.RateLimitedException;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts that need no answer on the calling thread: an operation's thread details, replies to
 * ignored votes, answers and whispers to the person who typed a command. Each conversation has one
 * ordered queue with one post in flight at a time, made on the live-message executor. A post
 * refused with {@link RateLimitedException} stays first in its queue and is tried again once its
 * Retry-After has passed, by a task scheduled on the timer: no thread waits. A post that fails
 * otherwise is logged and dropped (as a blocking post's failure was).
 *
 * <p>Each queue holds at most {@code bound} posts. A full queue drops its oldest non-essential post
 * (a reply meant for one person, who can ask again) and logs it; an essential post (a thread detail
 * of an operation: a pod failure, a log tail, why it failed) is never dropped, so a queue goes past
 * its bound only with essential posts, which come a few per operation. A non-essential post that
 * finds the queue full of essential ones is dropped itself.
 *
 * <p>Thread-safe; nothing here blocks.
 */
public final class Outbox {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  /** Posts waiting per conversation before non-essential ones are dropped. */
  public static final int BOUND = 64;

  /** How soon a post is offered again to an executor that refused it (full or saturated). */
  private static final long BUSY_RETRY_MILLIS = 100;

  /** Whether a post may be dropped when its queue is full. */
  public enum Kind {
    /** A detail of an operation: never dropped. */
    ESSENTIAL,
    /** A reply meant for one person, who can ask again: the first to go when a queue is full. */
    REPLY
  }

  private record Item(String what, Runnable call, Kind kind) {}

  /** A conversation, told apart across workspaces by its budget. */
  private record Channel(EditBudget budget, String id) {}

  private final ScheduledExecutorService scheduler;
  private final Executor io;
  private final int bound;
  private final Map<Channel, Queue> queues = new ConcurrentHashMap<>();

  /**
   * @param scheduler times retries after a Retry-After (nothing blocks on it)
   * @param io makes the posts (blocking calls to the chat platform)
   * @param bound posts waiting per conversation before non-essential ones are dropped
   */
  public Outbox(ScheduledExecutorService scheduler, Executor io, int bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("an outbox holds at least one post");
    }
    this.scheduler = scheduler;
    this.io = io;
    this.bound = bound;
  }

  /**
   * {@code conversation} with its {@link Conversation#answer} and {@link Conversation#whisper} made
   * through this outbox (they return at once); its other calls are the same.
   */
  public Conversation queuingReplies(Conversation conversation) {
    return conversation instanceof QueuedReplies
        ? conversation
        : new QueuedReplies(conversation, this);
  }

  /** Posts {@code reply} under {@code parent} (its thread) in {@code conversation}, later. */
  public void postUnder(Conversation conversation, MessageRef parent, Reply reply, Kind kind) {
    send(
        conversation,
        "a reply under " + parent.id(),
        () -> conversation.postUnder(parent, reply),
        kind);
  }

  /** Posts {@code reply} in {@code conversation} (not in a thread), later. */
  public void post(Conversation conversation, Reply reply, Kind kind) {
    send(conversation, "a post", () -> conversation.post(reply), kind);
  }

  /** {@link Conversation#whisper} to {@code to}, later; a reply for one person. */
  public void whisper(Conversation conversation, Actor to, Reply reply) {
    send(conversation, "a reply to " + to, () -> conversation.whisper(to, reply), Kind.REPLY);
  }

  /** {@link Conversation#answer}, later; a reply for one person. */
  public void answer(Conversation conversation, Reply reply) {
    send(conversation, "an answer", () -> conversation.answer(reply), Kind.REPLY);
  }

  /**
   * Queues a call to the chat platform behind the earlier ones of {@code conversation}.
   *
   * @param what names the post in the log when it is dropped
   * @param call makes the post (blocking); may throw {@link RateLimitedException}
   */
  public void send(Conversation conversation, String what, Runnable call, Kind kind) {
    queues
        .computeIfAbsent(
            new Channel(conversation.editBudget(), conversation.id()), c -> new Queue(c.id()))
        .add(new Item(what, call, kind));
  }

  /** Posts waiting in {@code conversation}'s queue, not counting one in flight (tests). */
  int waiting(Conversation conversation) {
    Queue q = queues.get(new Channel(conversation.editBudget(), conversation.id()));
    return q == null ? 0 : q.waiting();
  }

  /** One conversation's posts: in order, one at a time. */
  private final class Queue {
    private final String conversation;
    private final ArrayDeque<Item> items = new ArrayDeque<>();

    /** A post is in flight, offered to the executor or waiting for its Retry-After. */
    private boolean busy;

    Queue(String conversation) {
      this.conversation = conversation;
    }

    synchronized int waiting() {
      return items.size();
    }

    void add(Item item) {
      synchronized (this) {
        if (items.size() >= bound && !makeRoomLocked()) {
          if (item.kind() == Kind.REPLY) {
            log.warn(
                "dropped {} in {}: {} posts wait already", item.what(), conversation, items.size());
            return;
          }
        }
        items.addLast(item);
        if (busy) {
          return;
        }
        busy = true;
      }
      offer();
    }

    /** Drops the oldest non-essential post; false when every waiting post is essential. */
    private boolean makeRoomLocked() {
      for (Iterator<Item> it = items.iterator(); it.hasNext(); ) {
        Item old = it.next();
        if (old.kind() == Kind.REPLY) {
          it.remove();
          log.warn(
              "dropped {} in {}: {} posts wait, newer ones go first",
              old.what(),
              conversation,
              items.size() + 1);
          return true;
        }
      }
      return false;
    }

    /** Hands the next turn to the executor; a refusing executor is asked again shortly. */
    private void offer() {
      try {
        io.execute(this::turn);
      } catch (RejectedExecutionException e) {
        later(BUSY_RETRY_MILLIS);
      }
    }

    private void later(long millis) {
      try {
        scheduler.schedule(this::offer, millis, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException e) {
        synchronized (this) {
          log.warn("{} posts in {} dropped: the bot is shutting down", items.size(), conversation);
          items.clear();
          busy = false;
        }
      }
    }

    private void turn() {
      Item item;
      synchronized (this) {
        item = items.pollFirst();
        if (item == null) {
          busy = false;
          return;
        }
      }
      try {
        item.call().run();
      } catch (RateLimitedException e) {
        synchronized (this) {
          items.addFirst(item);
        }
        log.info(
            "{} in {} rate-limited, trying again after {} ms",
            item.what(),
            conversation,
            e.retryAfter().toMillis());
        later(Math.max(1, e.retryAfter().toMillis()));
        return;
      } catch (RuntimeException e) {
        log.warn("could not post {} in {}: {}", item.what(), conversation, e.toString());
      }
      synchronized (this) {
        if (items.isEmpty()) {
          busy = false;
          return;
        }
      }
      offer();
    }
  }
}
