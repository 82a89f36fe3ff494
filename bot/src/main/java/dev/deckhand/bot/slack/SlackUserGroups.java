package dev.deckhand.bot.slack;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Memberships;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack user groups as role members: an entry {@code S…} of a role's {@code slack:} list holds
 * every member of that user group, read with {@code usergroups.users.list} (scope {@code
 * usergroups:read}) and cached per group for a TTL. Any other entry is a user id. A failed lookup
 * is logged and becomes a refusal that says what could not be checked; it is not cached, so the
 * next command asks again. Blocking on a cache miss; thread-safe.
 */
public final class SlackUserGroups implements Memberships {
  private static final Logger log = LoggerFactory.getLogger(SlackUserGroups.class);

  /** Slack's user group ids. */
  private static final Pattern GROUP = Pattern.compile("S[A-Z0-9]{2,}");

  private final MethodsClient slack;
  private final LoadingCache<String, Set<String>> members;

  /**
   * @param ttl how long a group's members are trusted before they are read again
   * @param ticker the cache's clock ({@link Ticker#systemTicker()}; a fake one in tests)
   */
  public SlackUserGroups(MethodsClient slack, Duration ttl, Ticker ticker) {
    this.slack = slack;
    this.members =
        Caffeine.newBuilder()
            .expireAfterWrite(ttl)
            .maximumSize(1_000)
            .ticker(ticker)
            .build(this::load);
  }

  public SlackUserGroups(MethodsClient slack, Duration ttl) {
    this(slack, ttl, Ticker.systemTicker());
  }

  @Override
  public boolean includes(String memberId, Actor actor) {
    if (memberId.equals(actor.id())) {
      return true;
    }
    if (!"slack".equals(actor.platform()) || !GROUP.matcher(memberId).matches()) {
      return false;
    }
    return members.get(memberId).contains(actor.id());
  }

  private Set<String> load(String group) {
    UsergroupsUsersListResponse response;
    try {
      response = slack.usergroupsUsersList(r -> r.usergroup(group));
    } catch (IOException | SlackApiException e) {
      throw refusal(group, e.toString());
    }
    if (!response.isOk()) {
      throw refusal(group, "usergroups.users.list answered " + response.getError());
    }
    List<String> users = response.getUsers() == null ? List.of() : response.getUsers();
    return Set.copyOf(users);
  }

  private static UsageException refusal(String group, String why) {
    log.warn("could not read the members of Slack user group {}: {}", group, why);
    return new UsageException(
        "could not check membership of the Slack user group " + group + " (" + why + ")",
        "nothing was done; try again in a minute, and if it persists check that the Slack app"
            + " has the usergroups:read scope");
  }
}
