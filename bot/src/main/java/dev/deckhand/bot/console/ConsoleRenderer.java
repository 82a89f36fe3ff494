package dev.deckhand.bot.console;

import dev.deckhand.bot.render.RenderedText;
import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.StepRecord;
import java.util.ArrayList;
import java.util.List;

/** Renders replies as plain text lines for the terminal chat. Pure and thread-safe. */
public final class ConsoleRenderer {

  public List<String> render(Reply reply) {
    if (reply instanceof Reply.Text t) {
      return List.of(t.text().split("\n", -1));
    }
    if (reply instanceof Reply.Problem p) {
      List<String> lines = new ArrayList<>();
      lines.add("✗ " + p.problem());
      if (!p.hint().isEmpty()) {
        lines.add("  → " + p.hint());
      }
      return lines;
    }
    if (reply instanceof Reply.InternalError e) {
      return List.of("✗ internal error, reference " + e.reference() + " (details are in the log)");
    }
    if (reply instanceof Reply.Listing l) {
      List<String> lines = new ArrayList<>();
      lines.add(l.title());
      l.lines().forEach(x -> lines.add("  " + x));
      return lines;
    }
    if (reply instanceof Reply.Board b) {
      List<String> lines = new ArrayList<>();
      lines.add(b.title());
      b.operations().forEach(op -> lines.add("  " + icon(op) + " " + RenderedText.boardLine(op)));
      return lines;
    }
    return operation((Reply.Operation) reply);
  }

  private static List<String> operation(Reply.Operation op) {
    List<String> lines = new ArrayList<>();
    String when =
        op.state().isFinal()
            ? op.state().word() + " after " + seconds(op)
            : op.state().word() + " · " + seconds(op);
    lines.add(
        "op "
            + op.id()
            + " · "
            + op.summary()
            + " · "
            + op.environment()
            + " · by "
            + op.actor()
            + " — "
            + when);
    op.notes().forEach(n -> lines.add("  » " + n));
    lines.add("  target: " + op.target());
    for (StepRecord s : op.steps()) {
      lines.add(
          "  " + icon(s) + " " + s.title() + (s.detail().isEmpty() ? "" : " — " + s.detail()));
    }
    Progress p = op.progress();
    if (p != null) {
      lines.add("  [" + RenderedText.bar(p) + "] " + RenderedText.counts(p));
    }
    return lines;
  }

  private static String seconds(Reply.Operation op) {
    return op.elapsed().toSeconds() + " s";
  }

  private static String icon(Reply.Operation op) {
    return switch (op.state()) {
      case PENDING_APPROVAL -> "·";
      case RUNNING -> "▶";
      case SUCCEEDED -> "✓";
      case FAILED -> "✗";
      case ROLLED_BACK -> "↩";
      case REJECTED, EXPIRED, CANCELLED -> "–";
    };
  }

  private static String icon(StepRecord s) {
    return switch (s.state()) {
      case DONE -> "✓";
      case RUNNING -> "▶";
      case FAILED -> "✗";
      case SKIPPED -> "–";
      case PENDING -> "·";
    };
  }
}
