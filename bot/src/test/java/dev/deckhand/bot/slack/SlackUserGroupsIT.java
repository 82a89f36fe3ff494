package dev.deckhand.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.parse.UsageException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** User groups as role members, read from the fake's {@code usergroups.users.list}, cached. */
class SlackUserGroupsIT {
  private static final Actor DAVE = new Actor("slack", "U0DAVE", "dave");
  private static final Actor ERIN = new Actor("slack", "U0ERIN", "erin");

  private FakeSlack fake;
  private Slack slack;
  private final AtomicLong nanos = new AtomicLong();
  private SlackUserGroups groups;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeSlack();
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(fake.methodsUrl());
    config.setStatsEnabled(false);
    slack = Slack.getInstance(config);
    groups = new SlackUserGroups(slack.methods("xoxb-test"), Duration.ofMinutes(5), nanos::get);
  }

  @AfterEach
  void stop() throws Exception {
    slack.close();
    fake.close();
  }

  @Test
  void aGroupHoldsItsMembersAndNobodyElse() {
    fake.userGroup("S0RELEASE", "U0DAVE");

    assertThat(groups.includes("S0RELEASE", DAVE)).isTrue();
    assertThat(groups.includes("S0RELEASE", ERIN)).isFalse();
    assertThat(groups.includes("U0DAVE", DAVE)).isTrue();
    assertThat(groups.includes("U0ERIN", DAVE)).isFalse();
    assertThat(groups.includes("S0RELEASE", new Actor("console", "U0DAVE", "dave"))).isFalse();
    assertThat(fake.calls("usergroups.users.list"))
        .singleElement()
        .satisfies(c -> assertThat(c.params()).containsEntry("usergroup", "S0RELEASE"));
  }

  @Test
  void membersAreReadAgainOnlyAfterTheTtl() {
    fake.userGroup("S0RELEASE", "U0DAVE");
    assertThat(groups.includes("S0RELEASE", ERIN)).isFalse();

    fake.userGroup("S0RELEASE", "U0DAVE", "U0ERIN");
    nanos.addAndGet(Duration.ofMinutes(4).toNanos());
    assertThat(groups.includes("S0RELEASE", ERIN)).isFalse();
    assertThat(fake.calls("usergroups.users.list")).hasSize(1);

    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertThat(groups.includes("S0RELEASE", ERIN)).isTrue();
    assertThat(fake.calls("usergroups.users.list")).hasSize(2);
  }

  @Test
  void aFailedLookupIsARefusalThatSaysWhyAndIsNotCached() {
    fake.failUserGroups("missing_scope");

    assertThatThrownBy(() -> groups.includes("S0RELEASE", DAVE))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "could not check membership of the Slack user group S0RELEASE"
                + " (usergroups.users.list answered missing_scope)")
        .satisfies(e -> assertThat(((UsageException) e).hint()).contains("usergroups:read scope"));

    fake.failUserGroups(null);
    fake.userGroup("S0RELEASE", "U0DAVE");
    assertThat(groups.includes("S0RELEASE", DAVE)).isTrue();
    assertThat(fake.calls("usergroups.users.list")).hasSize(2);
  }
}
