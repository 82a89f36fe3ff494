package dev.deckhand.bot.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * A rendered Slack message: Block Kit blocks and the plain-text fallback Slack shows in
 * notifications and clients without blocks.
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {
  public SlackMessage {
    Objects.requireNonNull(text, "text");
    blocks = List.copyOf(blocks);
  }
}
