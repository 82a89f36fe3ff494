package dev.deckhand.bot.render;

import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import java.util.List;

/**
 * Text helpers shared by the chat renderers: progress bars and counts (every renderer), length
 * limits and emoji step icons (Slack's Block Kit, Discord's embeds). Pure functions; the renderers
 * stay one per platform.
 */
public final class RenderedText {
  /** Characters of a progress bar. */
  static final int BAR_WIDTH = 20;

  private RenderedText() {}

  /** A rollout's progress bar, {@link #BAR_WIDTH} characters of █ and ░. */
  public static String bar(Progress p) {
    int filled = (int) Math.round(p.fraction() * BAR_WIDTH);
    return "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
  }

  /** A rollout's counts: "2/3 updated · 3 ready · 3 available". */
  public static String counts(Progress p) {
    return String.format(
        "%d/%d updated · %d ready · %d available",
        p.updated(), p.desired(), p.ready(), p.available());
  }

  /**
   * One operation on a channel's board, without its icon: "op 12 · deploy gateway v2 · staging —
   * running · 14 s · 2/3 updated · 1 ready · 1 available", or "… — succeeded after 41 s".
   */
  public static String boardLine(Reply.Operation op) {
    String head = "op " + op.id() + " · " + op.summary() + " · " + op.environment() + " — ";
    if (op.state().isFinal()) {
      return head + op.state().word() + " after " + op.elapsed().toSeconds() + " s";
    }
    Progress p = op.progress();
    return head
        + op.state().word()
        + " · "
        + op.elapsed().toSeconds()
        + " s"
        + (p == null ? "" : " · " + counts(p));
  }

  /** The emoji of an operation's state, for a board line. */
  public static String icon(OperationState state) {
    return switch (state) {
      case PENDING_APPROVAL -> "⏳";
      case RUNNING -> "🔄";
      case SUCCEEDED -> "✅";
      case FAILED -> "❌";
      case ROLLED_BACK -> "↩️";
      case REJECTED, EXPIRED, CANCELLED -> "➖";
    };
  }

  /** Cuts to at most {@code max} characters, ending with "…" when something was cut. */
  public static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  /** Joins lines, ending with "… N more {what}" where they would not fit into {@code limit}. */
  public static String joinWithin(List<String> lines, int limit, String what) {
    String all = String.join("\n", lines);
    if (all.length() <= limit) {
      return all;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String more = "\n… " + (lines.size() - i) + " more " + what;
      String next = (out.length() == 0 ? "" : "\n") + lines.get(i);
      if (out.length() + next.length() + more.length() > limit) {
        if (out.length() == 0) {
          return cut(lines.get(i), limit - more.length()) + more;
        }
        return out + more;
      }
      out.append(next);
    }
    return out.toString();
  }

  /** The emoji of a step's state. */
  public static String icon(StepRecord s) {
    return switch (s.state()) {
      case DONE -> "✅";
      case RUNNING -> "▶️";
      case PENDING -> "⏳";
      case FAILED -> "❌";
      case SKIPPED -> "➖";
    };
  }
}
