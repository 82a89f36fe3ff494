package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.kubesim.RollingUpdate.Scale;
import java.util.List;
import org.junit.jupiter.api.Test;

class RollingUpdateTest {

  @Test
  void surgeRoundsUpAndUnavailabilityRoundsDown() {
    RollingUpdate.Fenceposts f =
        RollingUpdate.fenceposts(IntOrPercent.parse("25%"), IntOrPercent.parse("25%"), 3);
    assertThat(f).isEqualTo(new RollingUpdate.Fenceposts(1, 0));
    assertThat(RollingUpdate.fenceposts(IntOrPercent.parse("25%"), IntOrPercent.parse("25%"), 10))
        .isEqualTo(new RollingUpdate.Fenceposts(3, 2));
  }

  @Test
  void bothZeroAllowsOneUnavailable() {
    assertThat(RollingUpdate.fenceposts(IntOrPercent.parse("10%"), IntOrPercent.parse("10%"), 1))
        .isEqualTo(new RollingUpdate.Fenceposts(1, 0));
    assertThat(RollingUpdate.fenceposts(IntOrPercent.parse("0"), IntOrPercent.parse("10%"), 4))
        .isEqualTo(new RollingUpdate.Fenceposts(0, 1));
  }

  @Test
  void intOrPercentRejectsGarbage() {
    assertThatThrownBy(() -> IntOrPercent.parse("lots"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> IntOrPercent.parse("-1")).isInstanceOf(IllegalArgumentException.class);
    assertThat(IntOrPercent.parse("30%").toIntOrString().getStrVal()).isEqualTo("30%");
    assertThat(IntOrPercent.parse("2").toIntOrString().getIntVal()).isEqualTo(2);
  }

  @Test
  void newReplicaSetGrowsWithinTheSurge() {
    assertThat(RollingUpdate.newReplicas(4, 1, 0, 4)).isEqualTo(1);
    assertThat(RollingUpdate.newReplicas(4, 1, 1, 5)).isEqualTo(1);
    assertThat(RollingUpdate.newReplicas(4, 2, 1, 4)).isEqualTo(3);
    assertThat(RollingUpdate.newReplicas(4, 1, 6, 6)).isEqualTo(4);
  }

  @Test
  void oldReplicaSetsShrinkOnlyWhileEnoughStayAvailable() {
    // 4 wanted, none may be unavailable; the new one has 1 pod not yet ready
    assertThat(RollingUpdate.oldReplicas(4, 0, new Scale(1, 0), List.of(new Scale(4, 4))))
        .containsExactly(4);
    // once it is ready, one old pod may go
    assertThat(RollingUpdate.oldReplicas(4, 0, new Scale(1, 1), List.of(new Scale(4, 4))))
        .containsExactly(3);
  }

  @Test
  void unhealthyOldPodsGoFirst() {
    // old set has 3 pods of which 1 is unavailable; one may be unavailable in total
    int[] result = RollingUpdate.oldReplicas(3, 1, new Scale(1, 0), List.of(new Scale(3, 2)));
    assertThat(result).containsExactly(2);
  }

  @Test
  void oldestReplicaSetsShrinkFirst() {
    int[] result =
        RollingUpdate.oldReplicas(4, 2, new Scale(2, 2), List.of(new Scale(1, 1), new Scale(3, 3)));
    assertThat(result).containsExactly(0, 0);
  }

  @Test
  void aScalingEventMidRolloutIsSpreadInProportion() {
    // 10 replicas, surge 3: old 8 and new 5 (13 = the maximum before). To 15 (surge 4): 19 in all.
    List<RollingUpdate.Sized> sets =
        List.of(new RollingUpdate.Sized(8, 13), new RollingUpdate.Sized(5, 13));
    assertThat(RollingUpdate.proportional(15, 4, 13, sets)).containsExactly(12, 7);
    // To 5 (surge 2): 7 in all.
    assertThat(RollingUpdate.proportional(5, 2, 13, sets)).containsExactly(4, 3);
    // To 0: nothing anywhere.
    assertThat(RollingUpdate.proportional(0, 0, 13, sets)).containsExactly(0, 0);
  }

  @Test
  void proportionalScalingGivesTheLeftoverToTheLargestAndFallsBackToTheStatus() {
    // No max-replicas annotation: the status count (4) is the base. 2 + 2 -> 6 + 1 surge = 7.
    List<RollingUpdate.Sized> sets =
        List.of(new RollingUpdate.Sized(2, 0), new RollingUpdate.Sized(2, 0));
    // each gets round(2 * 7 / 4 - 2) = 2 at most, the second (newer, same size, first when
    // adding) takes 2, the first the 1 left.
    assertThat(RollingUpdate.proportional(6, 1, 4, sets)).containsExactly(3, 4);
    assertThat(RollingUpdate.proportional(3, 1, 4, sets)).containsExactly(2, 2);
  }
}
