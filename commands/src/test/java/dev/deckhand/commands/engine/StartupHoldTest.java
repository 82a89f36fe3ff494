package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.BOB;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.Reaction;
import dev.deckhand.commands.chat.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a chat adapter hands the dispatcher before the engine has resumed waits for the resume, in
 * order and not yet marked delivered, then runs (issue 11: a ✅ during start-up was lost).
 */
class StartupHoldTest {

  @Test
  void commandsAndReactionsBeforeTheResumeWaitAndThenRunInTheOrderTheyCame() throws Exception {
    try (EngineFixture world = EngineFixture.builder().pool(1, 64).resumed(false).build()) {
      world.submit("/first", "d1");
      world.engine.dispatcher().react(reaction("r1"));
      world.submit("/second", "d2");

      assertThat(world.engine.dispatcher().held()).isEqualTo(3);
      assertThat(world.engine.dispatcher().inFlight()).isEqualTo(3);
      assertThat(world.seenDeliveries).as("nothing is marked delivered while held").isEmpty();
      assertThat(world.chat.answers()).isEmpty();

      world.engine.resume();

      eventually().until(() -> world.chat.answers().size() == 2);
      assertThat(world.chat.answers())
          .extracting(r -> ((Reply.Problem) r).problem())
          .containsExactly("unknown command /first", "unknown command /second");
      assertThat(world.seenDeliveries).containsExactly("d1", "r1", "d2");
      assertThat(world.engine.dispatcher().held()).isZero();
    }
  }

  @Test
  void aDeliveryHeldTwiceByARetryingPlatformRunsOnce() throws Exception {
    try (EngineFixture world = EngineFixture.builder().resumed(false).build()) {
      world.submit("/again", "d1");
      world.submit("/again", "d1");

      world.engine.resume();

      eventually().until(() -> world.seenDeliveries.size() == 2);
      assertThat(world.engine.awaitIdle(java.time.Duration.ofSeconds(5))).isTrue();
      // The refusal is audited before it is answered; the answer leaves through the outbox, which
      // the engine's idleness does not cover, so it is awaited on its own.
      assertThat(world.store.events("refused")).hasSize(1);
      eventually().until(() -> world.chat.answers().size() == 1);
    }
  }

  @Test
  void afterTheResumeDeliveriesRunAtOnce() throws Exception {
    try (EngineFixture world = EngineFixture.builder().build()) {
      world.submit("/now", "d1");
      eventually().until(() -> world.chat.answers().size() == 1);
      assertThat(world.engine.dispatcher().held()).isZero();
    }
  }

  @Test
  void theHoldIsBoundedAndWhatItCannotPassOnIsRefusedToItsSender() {
    StartupHold hold = new StartupHold(2);
    List<String> ran = new ArrayList<>();
    List<String> refused = new ArrayList<>();

    assertThat(hold.offer(held("a", ran, refused), t -> true)).isTrue();
    assertThat(hold.offer(held("b", ran, refused), t -> true)).isTrue();
    assertThat(hold.offer(held("c", ran, refused), t -> true)).as("beyond its room").isFalse();
    assertThat(ran).isEmpty();

    // The executor takes the first and is full for the second.
    int[] room = {1};
    assertThat(
            hold.release(
                t -> {
                  if (room[0]-- <= 0) {
                    return false;
                  }
                  t.run();
                  return true;
                }))
        .isEqualTo(2);
    assertThat(ran).containsExactly("a");
    assertThat(refused).containsExactly("b");

    assertThat(hold.offer(held("d", ran, refused), t -> false)).as("passed at once now").isFalse();
    assertThat(hold.release(t -> true)).isZero();
    assertThat(hold.size()).isZero();
  }

  private static StartupHold.Held held(String name, List<String> ran, List<String> refused) {
    return new StartupHold.Held(() -> ran.add(name), () -> refused.add(name));
  }

  private static Reaction reaction(String key) {
    return new Reaction(BOB, RecordingConversation.ID, "m-none", "✅", true, key);
  }
}
