package dev.deckhand.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.deckhand.bot.slack.FakeSlack.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack's budgets with many rollouts at once, end to end over the HTTP mode: 50 deploys are started
 * together; the fake Web API must see at most one {@code chat.update} per second for any message
 * and at most 45 in any minute for the workspace, every live message must end in its final state,
 * and the channel's one board must show every operation and close once all have ended. Takes over a
 * minute by design: 50 final states alone exceed one minute's budget.
 */
@Timeout(300)
class SlackEditBudgetIT {
  private static final int ROLLOUTS = 50;

  @TempDir Path dir;

  @Test
  void fiftyRolloutsKeepEveryMessageAndTheWorkspaceWithinBudgetAndEndFinal() throws Exception {
    try (SlackLoad load = SlackLoad.start(dir, ROLLOUTS)) {
      load.deployAll(ROLLOUTS);

      Map<String, Call> live =
          await()
              .atMost(Duration.ofSeconds(60))
              .until(load::liveMessages, m -> m.size() == ROLLOUTS);
      await()
          .atMost(Duration.ofSeconds(200))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> live.values().stream().allMatch(endsIn(load, "succeeded")));

      List<Call> boards =
          load.fake.calls("chat.postMessage").stream()
              .filter(
                  c -> c.status() == 200 && c.text() != null && c.text().startsWith("Live board"))
              .toList();
      assertThat(boards).as("one board for the crowd of deploys (ADR 0008)").hasSize(1);
      Call board = boards.get(0);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  load.lastEdit(board) != null
                      && load.lastEdit(board).text().contains("Board closed"));
      assertThat(load.lastEdit(board).text())
          .contains("all " + ROLLOUTS + " operations ended (" + ROLLOUTS + " succeeded)");

      List<Call> updates = load.fake.calls("chat.update");
      System.out.printf(
          "SlackEditBudgetIT: %d rollouts, %d chat.update calls (%d of the board)%n",
          ROLLOUTS,
          updates.size(),
          updates.stream().filter(c -> c.ts().equals(board.posted())).count());
      assertThat(updates.size()).as("edits pressed on the budget").isGreaterThan(45);
      List<Call> messages = new java.util.ArrayList<>(live.values());
      messages.add(board);
      for (Call posted : messages) {
        List<Call> mine = updates.stream().filter(c -> c.ts().equals(posted.posted())).toList();
        for (int i = 1; i < mine.size(); i++) {
          assertThat(mine.get(i).nanos() - mine.get(i - 1).nanos())
              .as("gap between edits %d and %d of message %s", i - 1, i, posted.posted())
              .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
        }
      }
      List<Long> times = updates.stream().map(Call::nanos).sorted().toList();
      for (int i = 0; i + 45 < times.size(); i++) {
        assertThat(times.get(i + 45) - times.get(i))
            .as("chat.update calls %d..%d (46 calls) within one minute", i, i + 45)
            .isGreaterThanOrEqualTo(Duration.ofMinutes(1).toNanos());
      }
    }
  }

  static Predicate<Call> endsIn(SlackLoad load, String state) {
    return posted -> {
      Call last = load.lastEdit(posted);
      return last != null && last.text().contains(state);
    };
  }
}
