package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.rollout.RolloutVerdict;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kubectl-equivalence table: every fixture, mapped by {@link RolloutStatusMapper} and judged by
 * {@link RolloutVerdict#of}, gets the verdict and the exact message {@code kubectl rollout status}
 * prints for it. {@code KubectlEquivalenceIT} checks the same files against kubectl itself.
 */
class RolloutVerdictFixturesTest {

  static List<RolloutFixtures> fixtures() {
    return RolloutFixtures.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void verdictAndMessageAreKubectls(RolloutFixtures fixture) {
    RolloutVerdict verdict =
        RolloutVerdict.of(fixture.name(), RolloutStatusMapper.map(fixture.deployment()));

    assertThat(RolloutFixtures.kindOf(verdict)).isEqualTo(fixture.expectedKind());
    assertThat(verdict.message()).isEqualTo(fixture.expectedMessage());
  }

  @Test
  void theTableIsLargeAndCoversEveryVerdict() {
    List<RolloutFixtures> all = RolloutFixtures.all();

    assertThat(all).hasSizeGreaterThanOrEqualTo(30);
    assertThat(all.stream().map(RolloutFixtures::expectedKind).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("Complete", "Waiting", "Failed");
    assertThat(all.stream().map(RolloutFixtures::name).distinct()).hasSize(all.size());
  }

  @Test
  void noFalseSuccess() {
    List<String> falseSuccesses =
        RolloutFixtures.all().stream()
            .filter(f -> !"Complete".equals(f.expectedKind()))
            .filter(
                f ->
                    RolloutVerdict.of(f.name(), RolloutStatusMapper.map(f.deployment()))
                        instanceof RolloutVerdict.Complete)
            .map(RolloutFixtures::name)
            .toList();

    assertThat(falseSuccesses).isEmpty();
  }
}
