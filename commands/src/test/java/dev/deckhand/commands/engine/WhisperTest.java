package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.ALICE;
import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Reply;
import org.junit.jupiter.api.Test;

/** Refusals, usage problems and help go to whoever typed the command; operations do not. */
class WhisperTest {

  @Test
  void helpAndUsageProblemsAreWhisperedToTheTyper() {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.submit("/help");
      world.submit("/deploy gatewy " + NEW_TAG);
      world.submit("/frobnicate");

      eventually().until(() -> world.chat.whispers().size() == 3);
      assertThat(world.chat.whispers())
          .allSatisfy(w -> assertThat(w.to()).isEqualTo(ALICE))
          .extracting(w -> w.reply().getClass().getSimpleName())
          .containsExactlyInAnyOrder("Listing", "Problem", "Problem");
      assertThat(world.chat.whispers())
          .extracting(RecordingConversation.Whispered::reply)
          .filteredOn(r -> r instanceof Reply.Problem)
          .anySatisfy(r -> assertThat(((Reply.Problem) r).hint()).contains("did you mean gateway"));
    }
  }

  @Test
  void aTokenPastedIntoACommandIsNotEchoedBack() {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.submit("/deploy gateway xoxb-123456789012-abcdefABCDEF");

      eventually().until(() -> world.chat.whispers().size() == 1);
      String answer = world.chat.whispers().get(0).reply().toString();
      assertThat(answer).contains("‹redacted›").doesNotContain("xoxb-1234");
      assertThat(world.store.recent(null, 50).toString())
          .contains("/deploy gateway ‹redacted›")
          .doesNotContain("xoxb-1234");
    }
  }

  @Test
  void anOperationIsPostedForEveryoneAndNotWhispered() throws Exception {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.submit("/deploy gateway " + NEW_TAG);
      world.awaitFinished();
      assertThat(world.chat.whispers()).isEmpty();
      assertThat(world.chat.posts()).isNotEmpty();
    }
  }
}
