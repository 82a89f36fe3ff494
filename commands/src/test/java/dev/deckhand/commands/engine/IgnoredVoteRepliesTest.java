package dev.deckhand.commands.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Actor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IgnoredVoteRepliesTest {
  private static final Actor CAROL = new Actor("slack", "U0CAROL", "Carol");
  private static final Actor ERIN = new Actor("slack", "U0ERIN", "Erin");
  private static final Duration WINDOW = Duration.ofMinutes(10);

  private final AtomicLong now = new AtomicLong(1_000_000L);
  private final IgnoredVoteReplies replies = new IgnoredVoteReplies(now::get, WINDOW, 3);

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void onePersonTogglingAReactionIsToldOnceAWindow() {
    assertThat(replies.shouldReply(CAROL, 7)).isTrue();
    for (int i = 0; i < 500; i++) {
      assertThat(replies.shouldReply(CAROL, 7)).isFalse();
    }
    advance(WINDOW.minusSeconds(1));
    assertThat(replies.shouldReply(CAROL, 7)).isFalse();
    advance(Duration.ofSeconds(1));
    assertThat(replies.shouldReply(CAROL, 7)).isTrue();
  }

  @Test
  void anotherOperationOrAnotherVoterIsToldSeparately() {
    IgnoredVoteReplies roomy = new IgnoredVoteReplies(now::get, WINDOW, 10);
    assertThat(roomy.shouldReply(CAROL, 7)).isTrue();
    assertThat(roomy.shouldReply(CAROL, 8)).isTrue();
    assertThat(roomy.shouldReply(ERIN, 7)).isTrue();
    assertThat(roomy.shouldReply(new Actor("discord", "U0CAROL", "Carol"), 7)).isTrue();
    assertThat(roomy.shouldReply(CAROL, 7)).isFalse();
  }

  @Test
  void pastTheBoundNobodyNewIsToldUntilOlderPairsAgeOut() {
    assertThat(replies.shouldReply(CAROL, 1)).isTrue();
    advance(Duration.ofMinutes(1));
    assertThat(replies.shouldReply(CAROL, 2)).isTrue();
    assertThat(replies.shouldReply(CAROL, 3)).isTrue();
    assertThat(replies.shouldReply(ERIN, 1)).isFalse();
    assertThat(replies.remembered()).isEqualTo(3);

    advance(WINDOW.minusMinutes(1)); // the first pair ages out, the others not yet
    assertThat(replies.shouldReply(ERIN, 1)).isTrue();
    assertThat(replies.remembered()).isEqualTo(3);
    assertThat(replies.shouldReply(CAROL, 2)).isFalse();
  }
}
