package dev.deckhand.commands.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EditBudgetTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final EditBudget budget = new EditBudget(3, Duration.ofSeconds(1), now::get);

  @Test
  void grantsUpToTheLimitInAnyRollingWindow() {
    assertThat(budget.tryAcquire()).isZero();
    advance(100);
    assertThat(budget.tryAcquire()).isZero();
    assertThat(budget.tryAcquire()).isZero();
    assertThat(budget.tryAcquire()).isEqualTo(Duration.ofMillis(900).toNanos());
    advance(899);
    assertThat(budget.tryAcquire()).isEqualTo(Duration.ofMillis(1).toNanos());
    advance(1);
    assertThat(budget.tryAcquire()).isZero();
    assertThat(budget.tryAcquire()).isEqualTo(Duration.ofMillis(100).toNanos());
  }

  @Test
  void grantsNothingBeforeTheRetryAfterDeadline() {
    budget.pauseFor(Duration.ofMillis(1500));
    assertThat(budget.tryAcquire()).isEqualTo(Duration.ofMillis(1500).toNanos());
    advance(500);
    budget.pauseFor(Duration.ofMillis(200));
    assertThat(budget.tryAcquire())
        .as("a shorter pause does not shorten the longer one")
        .isEqualTo(Duration.ofMillis(1000).toNanos());
    advance(999);
    assertThat(budget.tryAcquire()).isPositive();
    advance(1);
    assertThat(budget.tryAcquire()).isZero();
  }

  @Test
  void unlimitedNeverWaits() {
    EditBudget.UNLIMITED.pauseFor(Duration.ofHours(1));
    for (int i = 0; i < 10_000; i++) {
      assertThat(EditBudget.UNLIMITED.tryAcquire()).isZero();
    }
  }

  private void advance(long millis) {
    now.addAndGet(Duration.ofMillis(millis).toNanos());
  }
}
