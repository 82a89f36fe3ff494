package dev.deckhand.commands.kinds.release;

import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kinds.migrate.MigrationGate;
import dev.deckhand.commands.kinds.release.ReleaseParams.Entry;
import dev.deckhand.commands.operation.StepRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The steps of a release, for {@code /deploy-all} and {@code /rollback-all}: the plan's one {@link
 * #PLANNED} step, then each service's own steps in wave order ({@code wave1:gateway:migrate},
 * {@code …:set-image} or {@code …:undo}, {@code …:rollout}, {@code …:verify}), and for a deploy one
 * compensating {@code …:rollback} step per service, in reverse order. {@link Waves} runs them.
 * Thread-safe.
 */
final class WavePlan {
  /** The read and resolve made while planning, one step for every service. */
  static final Step PLANNED = Step.of("plan", Step.Resume.PLANNED);

  private final boolean deploy;

  /**
   * @param deploy true for {@code /deploy-all} (set images, verify, compensate); false for {@code
   *     /rollback-all} (undo to a revision, stop at a failure)
   */
  WavePlan(boolean deploy) {
    this.deploy = deploy;
  }

  /** True for {@code /deploy-all}, false for {@code /rollback-all}. */
  boolean deploy() {
    return deploy;
  }

  Step apply(Entry e) {
    return Step.of(e.step(deploy ? "set-image" : "undo"), Step.Resume.REPEAT);
  }

  static Step migrate(Entry e) {
    return Step.of(e.step("migrate"), Step.Resume.REATTACH);
  }

  static Step rollout(Entry e) {
    return Step.of(e.step("rollout"), Step.Resume.REATTACH);
  }

  static Step verify(Entry e) {
    return Step.of(e.step("verify"), Step.Resume.REPEAT);
  }

  static Step rollback(Entry e) {
    return Step.of(e.step("rollback"), Step.Resume.COMPENSATE);
  }

  /** A service's forward steps: its migration Job first, if it has one. */
  List<Step> forward(Entry e) {
    List<Step> out = new ArrayList<>();
    if (e.migration() != null) {
      out.add(migrate(e));
    }
    out.add(apply(e));
    out.add(rollout(e));
    if (deploy) {
      out.add(verify(e));
    }
    return out;
  }

  /** Every step of a plan, in plan order: the compensations last, in reverse order. */
  List<Step> steps(ReleaseParams p) {
    List<Step> out = new ArrayList<>();
    out.add(PLANNED);
    p.entries().forEach(e -> out.addAll(forward(e)));
    if (deploy) {
      reversed(p.entries()).forEach(e -> out.add(rollback(e)));
    }
    return out;
  }

  /**
   * A service's forward steps as the proposal shows them, pending.
   *
   * @param applies what its image step does ({@code v1 → v2})
   */
  List<StepRecord> pending(Entry e, String applies) {
    String who = who(e);
    List<StepRecord> out = new ArrayList<>();
    if (e.migration() != null) {
      out.add(
          migrate(e)
              .pending(
                  who
                      + "run migration Job `"
                      + e.migration().commandLine()
                      + "` first; "
                      + MigrationGate.NO_REVERT));
    }
    out.add(apply(e).pending(who + applies));
    out.add(rollout(e).pending(who + "roll out"));
    if (deploy) {
      out.add(verify(e).pending(who + "verify health"));
    }
    return out;
  }

  /** The entries last to first: the order a release is rolled back in. */
  static List<Entry> reversed(List<Entry> entries) {
    List<Entry> out = new ArrayList<>(entries);
    Collections.reverse(out);
    return out;
  }

  /** How a service's step starts in the live message: {@code wave 1 · gateway: }. */
  static String who(Entry e) {
    return "wave " + e.wave() + " · " + e.service() + ": ";
  }
}
