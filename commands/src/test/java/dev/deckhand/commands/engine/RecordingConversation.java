package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A chat channel that records what the bot posts, edits and threads; edits and posts can be made to
 * fail (a 429, a 500). Thread-safe.
 */
final class RecordingConversation implements Conversation {
  static final String ID = "C-deploys";

  record Posted(MessageRef ref, Reply reply) {}

  record Edited(MessageRef ref, Reply reply) {}

  record Threaded(MessageRef parent, Reply reply) {}

  record Whispered(Actor to, Reply reply) {}

  private final List<Posted> posts = new CopyOnWriteArrayList<>();
  private final List<Edited> edits = new CopyOnWriteArrayList<>();
  private final List<Threaded> threads = new CopyOnWriteArrayList<>();
  private final List<Whispered> whispers = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger failedEdits = new AtomicInteger();
  private int editFailuresLeft;
  private Predicate<Reply> failingEdits = r -> false;
  private volatile Predicate<Reply> failingPosts = r -> false;

  /** The next {@code times} edits whose reply matches fail as a rate-limited API would. */
  synchronized void failEdits(int times, Predicate<Reply> which) {
    editFailuresLeft = times;
    failingEdits = which;
  }

  /** Every post whose reply matches fails as a broken API would. */
  void failPosts(Predicate<Reply> which) {
    failingPosts = which;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public MessageRef post(Reply reply) {
    if (failingPosts.test(reply)) {
      throw new IllegalStateException("chat API answered 500");
    }
    MessageRef ref = new MessageRef(ID, "m" + ids.incrementAndGet());
    posts.add(new Posted(ref, reply));
    return ref;
  }

  @Override
  public void edit(MessageRef message, Reply reply) {
    synchronized (this) {
      if (editFailuresLeft > 0 && failingEdits.test(reply)) {
        editFailuresLeft--;
        failedEdits.incrementAndGet();
        throw new IllegalStateException("chat API answered 429 Too Many Requests");
      }
    }
    edits.add(new Edited(message, reply));
  }

  @Override
  public MessageRef postUnder(MessageRef parent, Reply reply) {
    threads.add(new Threaded(parent, reply));
    return new MessageRef(ID, "t" + ids.incrementAndGet());
  }

  /** Recorded, then posted as the default does, so that {@link #answers()} has it too. */
  @Override
  public void whisper(Actor to, Reply reply) {
    whispers.add(new Whispered(to, reply));
    Conversation.super.whisper(to, reply);
  }

  @Override
  public Duration minEditInterval() {
    return Duration.ofMillis(5);
  }

  /** Everything posted that is not an operation's live message. */
  List<Reply> answers() {
    return posts.stream().map(Posted::reply).filter(r -> !(r instanceof Reply.Operation)).toList();
  }

  List<Posted> posts() {
    return List.copyOf(posts);
  }

  List<Edited> edits() {
    return List.copyOf(edits);
  }

  /** What was meant for one person only. */
  List<Whispered> whispers() {
    return List.copyOf(whispers);
  }

  List<Threaded> threads() {
    return List.copyOf(threads);
  }

  int failedEdits() {
    return failedEdits.get();
  }

  /** What the newest live message shows now: its last successful edit, else what was posted. */
  Reply.Operation shown() {
    List<Posted> live = posts.stream().filter(p -> p.reply() instanceof Reply.Operation).toList();
    if (live.isEmpty()) {
      return null;
    }
    MessageRef ref = live.get(live.size() - 1).ref();
    Reply last = live.get(live.size() - 1).reply();
    for (Edited e : edits) {
      if (e.ref().equals(ref)) {
        last = e.reply();
      }
    }
    return (Reply.Operation) last;
  }
}
