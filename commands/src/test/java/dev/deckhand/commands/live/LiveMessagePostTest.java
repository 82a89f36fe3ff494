package dev.deckhand.commands.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.RateLimitedException;
import dev.deckhand.commands.chat.Reply;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The first post of a live message under a rate limit: scheduled again, never slept out. */
class LiveMessagePostTest {
  private final ManualTimer timer = new ManualTimer();
  private final ScriptedConversation chat = new ScriptedConversation();
  private final LiveMessages messages = new LiveMessages(timer, Runnable::run);

  @Test
  void aPostMadeAtOnceIsDoneWhenPostSoonReturns() {
    CompletableFuture<LiveMessage> live = messages.postSoon(chat, new Reply.Text("deploying"));
    assertThat(live).isDone();
    assertThat(live.join().ref().id()).isEqualTo("m1");
  }

  @Test
  void aRateLimitedPostReturnsAtOnceAndIsMadeAgainByTheTimerAfterItsRetryAfter() {
    chat.rateLimitNext(Duration.ofSeconds(4)).rateLimitNext(Duration.ofSeconds(1));

    CompletableFuture<LiveMessage> live = messages.postSoon(chat, new Reply.Text("deploying"));
    assertThat(live).isNotDone();
    assertThat(timer.delays()).containsExactly(4000L);

    timer.fire();
    assertThat(live).isNotDone();
    assertThat(timer.delays()).containsExactly(1000L);

    timer.fire();
    assertThat(live).isDone();
    assertThat(chat.posted).containsExactly("deploying");
    assertThat(chat.attempts).hasSize(3);
  }

  @Test
  void aPostRateLimitedForLongerThanItsBoundFailsAfterTheLastWaitThatFits() {
    Duration half = LiveMessages.MAX_RATE_LIMITED_WAIT.dividedBy(2);
    for (int i = 0; i < 3; i++) {
      chat.rateLimitNext(half);
    }
    CompletableFuture<LiveMessage> live = messages.postSoon(chat, new Reply.Text("deploying"));
    timer.fire();
    assertThat(live).isNotDone();
    timer.fire();
    assertThat(live).isCompletedExceptionally();
    Assertions.assertThatThrownBy(live::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(RateLimitedException.class);
    assertThat(timer.delays()).isEmpty();
    assertThat(chat.attempts).hasSize(3);
  }

  @Test
  void manyShortRefusalsInABusyChannelDoNotGiveUpTheMessage() {
    for (int i = 0; i < 20; i++) {
      chat.rateLimitNext(Duration.ofMillis(200));
    }
    CompletableFuture<LiveMessage> live = messages.postSoon(chat, new Reply.Text("deploying"));
    for (int i = 0; i < 20; i++) {
      timer.fire();
    }
    assertThat(live).isDone().isNotCompletedExceptionally();
    assertThat(chat.posted).containsExactly("deploying");
  }

  @Test
  void aPostThatFailsOtherwiseFailsAtOnce() {
    chat.failNext();
    CompletableFuture<LiveMessage> live = messages.postSoon(chat, new Reply.Text("deploying"));
    assertThat(live).isCompletedExceptionally();
    assertThat(timer.delays()).isEmpty();
  }
}
