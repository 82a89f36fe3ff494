package dev.deckhand.bot.console;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.Invocation;
import dev.deckhand.commands.chat.Reaction;
import dev.deckhand.commands.chat.Redactor;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.engine.Dispatcher;
import dev.deckhand.commands.model.Actor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terminal chat adapter (like Hubot's shell): each input line is one chat message from the
 * current user. {@code as bob: /deploy ...} or {@code /as bob} switch the user; {@code react m3 ✅}
 * reacts to a bot message. It maps lines to invocations and renders replies; nothing more.
 */
public final class ConsoleChat {
  private static final Pattern AS_PREFIX =
      Pattern.compile("^as\\s+([A-Za-z0-9._-]+)\\s*:\\s*(.*)$");
  private static final Pattern AS_COMMAND = Pattern.compile("^/as\\s+([A-Za-z0-9._-]+)\\s*$");
  private static final Pattern REACT =
      Pattern.compile("^(react|unreact)\\s+(m\\d+)\\s+(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

  private final Dispatcher dispatcher;
  private final Redactor redactor;
  private final ConsoleConversation conversation;
  private final List<String> users;
  private final String session = "console-" + Long.toString(System.currentTimeMillis(), 36);
  private String current;
  private long lineNo;

  public ConsoleChat(
      Dispatcher dispatcher,
      PrintStream out,
      List<String> users,
      String defaultUser,
      String channel,
      Duration editInterval,
      Path stateDir,
      Redactor redactor) {
    this.dispatcher = dispatcher;
    this.redactor = redactor;
    this.conversation =
        new ConsoleConversation(
            channel,
            out,
            new ConsoleRenderer(),
            editInterval,
            new MessageIds(stateDir.resolve("console-message-id")));
    this.users = List.copyOf(users);
    this.current = defaultUser;
  }

  /**
   * Reads messages until end of input. At a terminal it prompts with the current user's name;
   * otherwise it echoes each line so the transcript reads like a chat.
   */
  public void run(BufferedReader in, boolean interactive) throws IOException {
    while (true) {
      if (interactive) {
        conversation.prompt(current + "> ");
      }
      String line = in.readLine();
      if (line == null) {
        return;
      }
      accept(line, !interactive);
    }
  }

  /** The console as a chat channel, for operations that must find it again (after a restart). */
  public Conversation conversation() {
    return conversation;
  }

  /** Handles one line of input, echoing it as a chat line. */
  public void accept(String raw) {
    accept(raw, true);
  }

  private void accept(String raw, boolean echo) {
    lineNo++;
    String line = raw.strip();
    if (line.isEmpty() || line.startsWith("#")) {
      return;
    }
    String user = current;
    Matcher as = AS_PREFIX.matcher(line);
    if (as.matches()) {
      user = as.group(1);
      line = as.group(2).strip();
    }
    if (!users.contains(user)) {
      conversation.answer(
          new Reply.Problem(
              "there is no console user '" + user + "'",
              "console users are " + String.join(", ", users) + "; type /as <user>"));
      return;
    }
    if (echo) {
      // The echo is the bot's output too: a secret in a scripted line is not printed back.
      conversation.notice(redactor.redact(user + "> " + line));
    }
    Matcher switchUser = AS_COMMAND.matcher(line);
    if (switchUser.matches()) {
      switchTo(switchUser.group(1));
      return;
    }
    Matcher react = REACT.matcher(line);
    if (react.matches()) {
      dispatcher.react(
          new Reaction(
              new Actor("console", user, user),
              conversation.id(),
              react.group(2),
              react.group(3),
              react.group(1).equalsIgnoreCase("react"),
              session + "-" + lineNo));
      return;
    }
    dispatcher.submit(
        new Invocation(
            new Actor("console", user, user), conversation.id(), line, session + "-" + lineNo),
        conversation);
  }

  private void switchTo(String user) {
    if (!users.contains(user)) {
      conversation.answer(
          new Reply.Problem(
              "there is no console user '" + user + "'",
              "console users are " + String.join(", ", users)));
      return;
    }
    current = user;
    conversation.answer(new Reply.Text("You are now " + user + "."));
  }
}
