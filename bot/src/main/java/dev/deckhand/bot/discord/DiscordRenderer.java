package dev.deckhand.bot.discord;

import static dev.deckhand.bot.render.RenderedText.bar;
import static dev.deckhand.bot.render.RenderedText.boardLine;
import static dev.deckhand.bot.render.RenderedText.counts;
import static dev.deckhand.bot.render.RenderedText.cut;
import static dev.deckhand.bot.render.RenderedText.icon;
import static dev.deckhand.bot.render.RenderedText.joinWithin;

import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;

/**
 * Renders replies as one Discord embed within Discord's limits (title 256, description 4096, field
 * value 1024, 6000 characters in all); what does not fit is cut with "…" or counted ("… 3 more
 * lines"). An operation gets a title, its steps, a progress bar, a colour by state and a footer
 * with its op id. Text from chat or config is escaped for Discord's markdown; embeds never notify
 * anyone. Pure and thread-safe.
 */
public final class DiscordRenderer {
  static final int MAX_TITLE = 256;
  static final int MAX_DESCRIPTION = 4096;
  static final int MAX_FIELD = 1024;

  static final int NEUTRAL = 0x5865F2;
  static final int RED = 0xED4245;
  static final int GREEN = 0x57F287;
  static final int YELLOW = 0xFEE75C;
  static final int BLUE = 0x3498DB;
  static final int ORANGE = 0xE67E22;
  static final int GREY = 0x95A5A6;

  public MessageEmbed render(Reply reply) {
    EmbedBuilder embed = new EmbedBuilder();
    if (reply instanceof Reply.Text t) {
      embed.setDescription(lines(List.of(t.text().split("\n", -1)), "lines")).setColor(NEUTRAL);
    } else if (reply instanceof Reply.Problem p) {
      embed.setTitle(cut("❌ " + escape(p.problem()), MAX_TITLE)).setColor(RED);
      if (!p.hint().isEmpty()) {
        embed.setDescription(cut("→ " + escape(p.hint()), MAX_DESCRIPTION));
      }
    } else if (reply instanceof Reply.InternalError e) {
      embed
          .setTitle("❌ internal error")
          .setDescription(
              "reference `" + e.reference().replace("`", "'") + "` (details are in the log)")
          .setColor(RED);
    } else if (reply instanceof Reply.Listing l) {
      embed.setTitle(cut(escape(l.title()), MAX_TITLE)).setDescription(lines(l.lines(), "lines"));
      embed.setColor(NEUTRAL);
    } else if (reply instanceof Reply.Board b) {
      board(b, embed);
    } else {
      operation((Reply.Operation) reply, embed);
    }
    return embed.build();
  }

  private static void operation(Reply.Operation op, EmbedBuilder embed) {
    String when =
        op.state().isFinal()
            ? op.state().word() + " after " + op.elapsed().toSeconds() + " s"
            : op.state().word() + " · " + op.elapsed().toSeconds() + " s";
    embed.setTitle(
        cut(
            "op " + op.id() + " · " + escape(op.summary()) + " · " + escape(op.environment()),
            MAX_TITLE));
    embed.setColor(colour(op.state()));
    List<String> steps = new ArrayList<>();
    for (StepRecord s : op.steps()) {
      steps.add(
          icon(s)
              + " "
              + escape(s.title())
              + (s.detail().isEmpty() ? "" : " — " + escape(s.detail())));
    }
    String header =
        "by **"
            + escape(op.actor().displayName())
            + "** · "
            + when
            + (op.dryRun() ? " · dry run, nothing changes" : "");
    List<String> description = new ArrayList<>();
    description.add(header);
    op.notes().forEach(n -> description.add("» " + escape(n)));
    if (!steps.isEmpty()) {
      description.add("");
      description.addAll(steps);
    }
    embed.setDescription(joinWithin(description, MAX_DESCRIPTION, "steps"));
    embed.addField("Target", cut("`" + op.target().replace("`", "'") + "`", MAX_FIELD), false);
    Progress p = op.progress();
    if (p != null) {
      embed.addField("Rollout", "`" + bar(p) + "` " + counts(p), false);
    }
    embed.setFooter("op " + op.id() + " · " + op.state().word());
  }

  /** The title, one line per operation (those still running first), coloured while running. */
  private static void board(Reply.Board b, EmbedBuilder embed) {
    embed.setTitle(cut(b.title(), MAX_TITLE)).setColor(b.closed() ? GREY : BLUE);
    List<String> lines = new ArrayList<>();
    for (Reply.Operation op : b.operations()) {
      lines.add(icon(op.state()) + " " + escape(boardLine(op)));
    }
    embed.setDescription(joinWithin(lines, MAX_DESCRIPTION, "operations"));
  }

  static int colour(OperationState state) {
    return switch (state) {
      case PENDING_APPROVAL -> YELLOW;
      case RUNNING -> BLUE;
      case SUCCEEDED -> GREEN;
      case FAILED -> RED;
      case ROLLED_BACK -> ORANGE;
      case REJECTED, EXPIRED, CANCELLED -> GREY;
    };
  }

  private static String lines(List<String> raw, String what) {
    return joinWithin(raw.stream().map(DiscordRenderer::escape).toList(), MAX_DESCRIPTION, what);
  }

  /** Discord markdown escaped, and @everyone/@here defused (embeds never ping, content might). */
  static String escape(String text) {
    return MarkdownSanitizer.escape(text).replace("@", "@\u200b");
  }
}
