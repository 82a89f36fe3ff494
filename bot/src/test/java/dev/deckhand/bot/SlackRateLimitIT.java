package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.bot.slack.FakeSlack.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One call in five answered 429 with a Retry-After of 1–5 s, on every Web API method the bot uses
 * while deploying: no call may reach Slack before the Retry-After it was given (edits count per
 * workspace, posts per channel, as Slack does), and no final state may be lost.
 */
@Timeout(300)
class SlackRateLimitIT {
  private static final int ROLLOUTS = 10;

  @TempDir Path dir;

  @Test
  void underTwentyPercentOf429sNoCallComesEarlyAndEveryFinalStateArrives() throws Exception {
    try (SlackLoad load = SlackLoad.start(dir, ROLLOUTS)) {
      load.fake.throttle("*", 0.2, 1, 5, 11);
      load.deployAll(ROLLOUTS);

      Map<String, Call> live =
          await()
              .atMost(Duration.ofSeconds(90))
              .until(load::liveMessages, m -> m.size() == ROLLOUTS);
      await()
          .atMost(Duration.ofSeconds(150))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> live.values().stream().allMatch(SlackEditBudgetIT.endsIn(load, "succeeded")));

      List<Call> calls = load.fake.calls();
      List<Call> refused = calls.stream().filter(c -> c.status() == 429).toList();
      System.out.printf(
          "SlackRateLimitIT: %d calls, %d answered 429%n", calls.size(), refused.size());
      assertThat(refused.stream().map(Call::method).distinct())
          .as("both posts and edits were refused")
          .contains("chat.postMessage", "chat.update");
      for (Call r : refused) {
        long deadline = r.nanos() + r.retryAfter().toNanos();
        assertThat(calls)
            .filteredOn(c -> c.method().equals(r.method()) && c.nanos() > r.nanos())
            .filteredOn(c -> r.method().equals("chat.update") || c.channel().equals(r.channel()))
            .as("%s calls after the 429 answered at %d", r.method(), r.nanos())
            .allSatisfy(c -> assertThat(c.nanos()).isGreaterThanOrEqualTo(deadline));
      }
    }
  }
}
