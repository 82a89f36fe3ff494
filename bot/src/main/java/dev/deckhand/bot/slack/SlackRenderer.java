package dev.deckhand.bot.slack;

import static dev.deckhand.bot.render.RenderedText.bar;
import static dev.deckhand.bot.render.RenderedText.boardLine;
import static dev.deckhand.bot.render.RenderedText.counts;
import static dev.deckhand.bot.render.RenderedText.cut;
import static dev.deckhand.bot.render.RenderedText.icon;
import static dev.deckhand.bot.render.RenderedText.joinWithin;

import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.ContextBlockElement;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.StepRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders replies as Block Kit within Slack's limits: at most 50 blocks, section text at most 3000
 * characters, a field at most 2000, header text at most 150; what does not fit is cut with "…".
 * Every message keeps a plain-text fallback. User-visible text is escaped for mrkdwn, so nothing
 * from chat or config can turn into a mention or a link. Pure and thread-safe.
 */
public final class SlackRenderer {
  static final int MAX_BLOCKS = 50;
  static final int MAX_SECTION = 3000;
  static final int MAX_FIELD = 2000;
  static final int MAX_FIELDS = 10;
  static final int MAX_HEADER = 150;

  public SlackMessage render(Reply reply) {
    if (reply instanceof Reply.Text t) {
      return new SlackMessage(
          fallback(t.text()), sections(List.of(t.text().split("\n", -1)), MAX_BLOCKS, "lines"));
    }
    if (reply instanceof Reply.Problem p) {
      List<LayoutBlock> blocks = new ArrayList<>();
      blocks.add(section("❌ " + escape(p.problem())));
      if (!p.hint().isEmpty()) {
        blocks.add(context("→ " + escape(p.hint())));
      }
      return new SlackMessage(fallback("❌ " + p.problem()), blocks);
    }
    if (reply instanceof Reply.InternalError e) {
      String line = "internal error, reference " + e.reference() + " (details are in the log)";
      return new SlackMessage(
          fallback("❌ " + line),
          List.of(
              section(
                  "❌ internal error, reference `"
                      + escape(e.reference())
                      + "` (details are in the log)")));
    }
    if (reply instanceof Reply.Listing l) {
      List<LayoutBlock> blocks = new ArrayList<>();
      blocks.add(section("*" + escape(l.title()) + "*"));
      blocks.addAll(sections(l.lines(), MAX_BLOCKS - 1, "lines"));
      return new SlackMessage(fallback(l.title()), blocks);
    }
    if (reply instanceof Reply.Board b) {
      return board(b);
    }
    return operation((Reply.Operation) reply);
  }

  /** The title, then one line per operation packed into sections; the rest is counted. */
  private static SlackMessage board(Reply.Board b) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section("*" + escape(b.title()) + "*"));
    List<String> lines = new ArrayList<>();
    for (Reply.Operation op : b.operations()) {
      lines.add(icon(op.state()) + " " + boardLine(op));
    }
    blocks.addAll(sections(lines, MAX_BLOCKS - 1, "operations"));
    return new SlackMessage(fallback(b.title()), blocks);
  }

  private static SlackMessage operation(Reply.Operation op) {
    String title = "op " + op.id() + " · " + op.summary() + " · " + op.environment();
    String when =
        op.state().isFinal()
            ? op.state().word() + " after " + op.elapsed().toSeconds() + " s"
            : op.state().word() + " · " + op.elapsed().toSeconds() + " s";
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        HeaderBlock.builder()
            .text(PlainTextObject.builder().text(cut(title, MAX_HEADER)).emoji(true).build())
            .build());
    blocks.add(
        context(
            "by *"
                + escape(op.actor().displayName())
                + "* · "
                + when
                + (op.dryRun() ? " · dry run, nothing changes" : ""),
            "`" + escape(op.target()) + "`"));
    if (!op.notes().isEmpty()) {
      List<TextObject> fields = new ArrayList<>();
      for (int i = 0; i < op.notes().size() && i < MAX_FIELDS; i++) {
        String note =
            i == MAX_FIELDS - 1 && op.notes().size() > MAX_FIELDS
                ? String.join("\n", op.notes().subList(i, op.notes().size()))
                : op.notes().get(i);
        fields.add(mrkdwn(cut("» " + escape(note), MAX_FIELD)));
      }
      blocks.add(SectionBlock.builder().fields(fields).build());
    }
    if (!op.steps().isEmpty()) {
      List<String> lines = new ArrayList<>();
      for (StepRecord s : op.steps()) {
        lines.add(
            icon(s)
                + " "
                + escape(s.title())
                + (s.detail().isEmpty() ? "" : " — " + escape(s.detail())));
      }
      blocks.add(section(joinWithin(lines, MAX_SECTION, "steps")));
    }
    Progress p = op.progress();
    if (p != null) {
      blocks.add(section("`" + bar(p) + "` " + counts(p)));
    }
    return new SlackMessage(fallback(title + " — " + when), blocks);
  }

  /** Lines packed into as few sections as fit, at most {@code maxBlocks}; the rest is counted. */
  private static List<LayoutBlock> sections(List<String> raw, int maxBlocks, String what) {
    List<String> lines = raw.stream().map(SlackRenderer::escape).toList();
    List<LayoutBlock> blocks = new ArrayList<>();
    int from = 0;
    while (from < lines.size() && blocks.size() < maxBlocks) {
      int to = from;
      int length = 0;
      while (to < lines.size() && length + lines.get(to).length() + 1 <= MAX_SECTION) {
        length += lines.get(to).length() + 1;
        to++;
      }
      if (to == from) {
        to = from + 1; // one line longer than a section: it is cut below
      }
      boolean last = blocks.size() == maxBlocks - 1 && to < lines.size();
      String text =
          last
              ? joinWithin(lines.subList(from, lines.size()), MAX_SECTION, what)
              : String.join("\n", lines.subList(from, to));
      blocks.add(section(text));
      from = last ? lines.size() : to;
    }
    return blocks;
  }

  private static SectionBlock section(String text) {
    return SectionBlock.builder().text(mrkdwn(cut(text, MAX_SECTION))).build();
  }

  private static ContextBlock context(String... texts) {
    List<ContextBlockElement> elements = new ArrayList<>();
    for (String t : texts) {
      elements.add(mrkdwn(cut(t, MAX_FIELD)));
    }
    return ContextBlock.builder().elements(elements).build();
  }

  private static MarkdownTextObject mrkdwn(String text) {
    return MarkdownTextObject.builder().text(text).build();
  }

  /** The notification text: Slack parses it as mrkdwn too, so it is escaped as well. */
  private static String fallback(String text) {
    return cut(escape(text), MAX_SECTION);
  }

  /** Slack's mrkdwn escaping: only these three characters have to be escaped. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
