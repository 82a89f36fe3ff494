package dev.deckhand.commands.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EditBudgetTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final EditBudget budget = new EditBudget(3, Duration.ofSeconds(1), 3, now::get);

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
  void aSmoothedBudgetSpreadsItsEditsOverTheWindow() {
    EditBudget smooth = new EditBudget(6, Duration.ofSeconds(6), 2, now::get);
    assertThat(smooth.tryAcquire()).isZero();
    assertThat(smooth.tryAcquire()).isZero();
    assertThat(smooth.tryAcquire())
        .as("a burst of 2 per 2 s")
        .isEqualTo(Duration.ofSeconds(2).toNanos());
    advance(2000);
    assertThat(smooth.tryAcquire()).isZero();
    assertThat(smooth.tryAcquire()).isZero();
    advance(2000);
    assertThat(smooth.tryAcquire()).isZero();
    assertThat(smooth.tryAcquire()).isZero();
    advance(2000);
    assertThat(smooth.tryAcquire()).as("the first two left the 6 s window").isZero();
  }

  @Test
  void anAnsweredEditCountsFromItsAnswer() {
    assertThat(budget.tryAcquire()).isZero();
    assertThat(budget.tryAcquire()).isZero();
    assertThat(budget.tryAcquire()).isZero();
    advance(300);
    budget.answered();
    advance(700);
    assertThat(budget.tryAcquire())
        .as("two grants left the window; the answered one counts from 300 ms")
        .isZero();
    assertThat(budget.tryAcquire()).isZero();
    assertThat(budget.tryAcquire()).isEqualTo(Duration.ofMillis(300).toNanos());
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
