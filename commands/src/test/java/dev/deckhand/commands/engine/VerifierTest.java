package dev.deckhand.commands.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.ports.HealthProbe.Result;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health checks that need several passes in a row: a failure starts the count again. */
class VerifierTest {
  private static final URI HEALTH = URI.create("http://api.staging.test/health");
  private static final Result PASS = new Result(true, "answered 200");
  private static final Result FAIL = new Result(false, "answered 503, expected 200");

  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final FakeProbe probe = new FakeProbe();
  private final Verifier verifier = new Verifier(probe, pool, Duration.ofMillis(1));

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void threePassesInARowAfterAFailureAreHealthy() throws Exception {
    probe.script(PASS, FAIL, PASS, PASS, PASS);
    assertThat(verify(check(5, 3))).isEmpty();
    assertThat(probe.calls()).hasSize(5);
  }

  @Test
  void aFailureInTheStreakWithNoTriesLeftFails() throws Exception {
    probe.script(PASS, PASS, FAIL, PASS);
    assertThat(verify(check(4, 3)))
        .containsExactly(HEALTH + ": passed once in a row at the end, 3 needed, in 4 tries");
  }

  @Test
  void theLastFailureIsReportedWhenTheLastTryFailed() throws Exception {
    probe.script(PASS, PASS, FAIL);
    assertThat(verify(check(3, 3))).containsExactly(HEALTH + ": answered 503, expected 200");
  }

  @Test
  void onePassIsEnoughByDefault() throws Exception {
    probe.script(FAIL, PASS);
    assertThat(verify(check(3, 1))).isEmpty();
    assertThat(probe.calls()).hasSize(2);
  }

  private static HealthCheck check(int attempts, int consecutive) {
    return new HealthCheck(
        HEALTH, 200, Duration.ofSeconds(1), attempts, Map.of(), consecutive, null);
  }

  private List<String> verify(HealthCheck check) throws Exception {
    return verifier.verify(List.of(check)).get(30, TimeUnit.SECONDS);
  }
}
