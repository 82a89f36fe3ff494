package dev.deckhand.bot.slack;

import com.slack.api.methods.MethodsClient;
import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.EditBudget;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The channels of one Slack workspace as {@link Conversation}s. They share one {@link EditBudget}
 * because Slack counts {@code chat.update} per workspace: {@link #WORKSPACE_EDITS} by default, a
 * margin under Tier 3's ~50 a minute. Thread-safe.
 */
public final class SlackConversations {
  /** Edits a minute across the workspace, under Slack's Tier 3 limit for {@code chat.update}. */
  public static final int WORKSPACE_EDITS = 45;

  /** Edits at once: at most this many in any 1/9 of a minute, so the budget is spread out. */
  public static final int WORKSPACE_BURST = 5;

  private final MethodsClient slack;
  private final SlackRenderer renderer;
  private final EditBudget budget;
  private final ConcurrentMap<String, Conversation> channels = new ConcurrentHashMap<>();

  /** Slack's channel ids: public (C), private (G) and direct (D) conversations. */
  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");

  public SlackConversations(MethodsClient slack, EditBudget budget) {
    this.slack = slack;
    this.renderer = new SlackRenderer();
    this.budget = budget;
  }

  /**
   * With Slack's workspace budget of {@link #WORKSPACE_EDITS} edits a minute, {@link
   * #WORKSPACE_BURST} at most at once.
   */
  public SlackConversations(MethodsClient slack) {
    this(slack, EditBudget.smoothed(WORKSPACE_EDITS, Duration.ofMinutes(1), WORKSPACE_BURST));
  }

  /** The channel with this id ({@code C0123…}); one instance per id. */
  public Conversation channel(String channelId) {
    return channels.computeIfAbsent(
        channelId, id -> new SlackConversation(slack, id, renderer, budget));
  }

  /**
   * The channel with this id if it looks like a Slack channel id, e.g. for an operation resumed
   * after a restart; empty for ids of other adapters ({@code #console}).
   */
  public Optional<Conversation> find(String id) {
    return CHANNEL_ID.matcher(id).matches() ? Optional.of(channel(id)) : Optional.empty();
  }
}
