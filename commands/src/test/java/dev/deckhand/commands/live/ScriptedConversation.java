package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.RateLimitedException;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A channel whose posts (posts, thread replies, whispers) can be refused, in order, with a 429 or
 * an error; records the text of every post it accepted and every attempt it saw. Thread-safe.
 */
final class ScriptedConversation implements Conversation {
  final List<String> posted = new CopyOnWriteArrayList<>();
  final List<String> attempts = new CopyOnWriteArrayList<>();
  private final Deque<RuntimeException> refusals = new ArrayDeque<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** The next post is answered 429 with this Retry-After. */
  synchronized ScriptedConversation rateLimitNext(Duration retryAfter) {
    refusals.addLast(new RateLimitedException("429", retryAfter));
    return this;
  }

  /** The next post fails as a broken API would. */
  synchronized ScriptedConversation failNext() {
    refusals.addLast(new IllegalStateException("chat API answered 500"));
    return this;
  }

  private MessageRef accept(Reply reply) {
    String text = ((Reply.Text) reply).text();
    attempts.add(text);
    synchronized (this) {
      RuntimeException refusal = refusals.pollFirst();
      if (refusal != null) {
        throw refusal;
      }
    }
    posted.add(text);
    return new MessageRef(id(), "m" + ids.incrementAndGet());
  }

  @Override
  public String id() {
    return "C-scripted";
  }

  @Override
  public MessageRef post(Reply reply) {
    return accept(reply);
  }

  @Override
  public void edit(MessageRef message, Reply reply) {}

  @Override
  public MessageRef postUnder(MessageRef parent, Reply reply) {
    return accept(reply);
  }

  @Override
  public void whisper(Actor to, Reply reply) {
    accept(reply);
  }

  @Override
  public Duration minEditInterval() {
    return Duration.ofMillis(1);
  }
}
