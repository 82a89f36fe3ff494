package dev.deckhand.bot.console;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Reply;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * The terminal as a chat channel. Every bot message gets a short id ({@code m7}); an edit prints
 * the message again under the same id, a reply under a message names its parent, so a script can
 * follow everything. Thread-safe: whole messages are printed atomically.
 */
final class ConsoleConversation implements Conversation {
  private final String id;
  private final PrintStream out;
  private final ConsoleRenderer renderer;
  private final Duration editInterval;
  private final MessageIds ids;

  ConsoleConversation(
      String id, PrintStream out, ConsoleRenderer renderer, Duration editInterval, MessageIds ids) {
    this.id = id;
    this.out = out;
    this.renderer = renderer;
    this.editInterval = editInterval;
    this.ids = ids;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public MessageRef post(Reply reply) {
    MessageRef ref = new MessageRef(id, ids.next());
    print("[" + ref.id() + "]", reply);
    return ref;
  }

  @Override
  public void edit(MessageRef message, Reply reply) {
    print("[" + message.id() + " edit]", reply);
  }

  @Override
  public MessageRef postUnder(MessageRef parent, Reply reply) {
    MessageRef ref = new MessageRef(id, ids.next());
    print("[" + ref.id() + " ↳" + parent.id() + "]", reply);
    return ref;
  }

  @Override
  public Duration minEditInterval() {
    return editInterval;
  }

  /** Prints a line from the console itself (echoes, notices), not a bot message. */
  void notice(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** Prints a prompt without ending the line. */
  void prompt(String text) {
    synchronized (out) {
      out.print(text);
      out.flush();
    }
  }

  private void print(String prefix, Reply reply) {
    List<String> lines = renderer.render(reply);
    String indent = " ".repeat(prefix.length() + 1);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      sb.append(i == 0 ? prefix + " " : indent).append(lines.get(i)).append('\n');
    }
    synchronized (out) {
      out.print(sb);
      out.flush();
    }
  }
}
