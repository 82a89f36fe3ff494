package dev.deckhand.bot;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One chat channel in memory that outlives the bot processes writing to it, as a real channel does:
 * message ids never start over, and the latest content of every message is kept. Thread-safe.
 */
final class MemoryChat implements Conversation {
  static final String ID = "C-deploys";

  private final AtomicInteger ids = new AtomicInteger();
  private final Map<MessageRef, Reply> shown = new ConcurrentHashMap<>();
  private final List<String> lines = new CopyOnWriteArrayList<>();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public MessageRef post(Reply reply) {
    MessageRef ref = new MessageRef(ID, "m" + ids.incrementAndGet());
    shown.put(ref, reply);
    lines.add("[" + ref.id() + "] " + reply);
    return ref;
  }

  @Override
  public void edit(MessageRef message, Reply reply) {
    shown.put(message, reply);
    lines.add("[" + message.id() + " edit] " + reply);
  }

  @Override
  public MessageRef postUnder(MessageRef parent, Reply reply) {
    MessageRef ref = new MessageRef(ID, "m" + ids.incrementAndGet());
    lines.add("[" + ref.id() + " ↳" + parent.id() + "] " + reply);
    return ref;
  }

  @Override
  public Duration minEditInterval() {
    return Duration.ofMillis(1);
  }

  /** What a message shows now, or null if it was never posted. */
  Reply shown(String messageId) {
    return shown.get(new MessageRef(ID, messageId));
  }

  /** Everything posted, edited and threaded, in order, for a failure's report. */
  List<String> transcript() {
    return List.copyOf(lines);
  }
}
