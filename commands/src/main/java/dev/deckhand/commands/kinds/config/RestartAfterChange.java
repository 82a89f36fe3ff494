package dev.deckhand.commands.kinds.config;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.command.OperationCommand;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.Restarts;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@code /config-update} and {@code /secret-update} share: a change to what pods read at start
 * (a ConfigMap, a Secret key), checked against the plan and applied, then a rolling restart. Steps:
 * {@code preflight}, the kind's comparison (done while planning), its change ({@code REPEAT}),
 * {@code restart}, {@code rollout}. Each kind keeps what it compares, changes and says.
 *
 * @param <C> the kind's command
 * @param <P> the kind's parameters
 */
public abstract class RestartAfterChange<
        C extends OperationCommand, P extends RestartAfterChange.Restart>
    implements OperationKind<C, P> {
  public static final Step RESTART = Step.of("restart", Step.Resume.REPEAT);
  public static final Step ROLLOUT = Step.of("rollout", Step.Resume.REATTACH);

  /** What every plan of these kinds holds about its restart. */
  public interface Restart {
    /** The {@code restartedAt} time of the restart. */
    Instant at();

    /** The image running when planned. */
    String image();

    /** The revision running then. */
    long revision();
  }

  /**
   * The checked change, ready to apply.
   *
   * @param detail what its step says once done
   * @param apply the blocking call that applies it
   */
  protected record Write(String detail, Runnable apply) {}

  private final Step compare;
  private final Step change;
  protected final Catalog catalog;
  protected final Cluster cluster;
  private final Rollouts rollouts;
  private final Restarts restarts;
  private final Clock clock;

  /**
   * @param compare its comparison step, done while planning
   * @param change the step that applies its change
   */
  protected RestartAfterChange(Tools tools, Step compare, Step change) {
    this.compare = compare;
    this.change = change;
    this.catalog = tools.catalog();
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
    this.restarts = new Restarts(tools);
    this.clock = tools.clock();
  }

  /** The kind's own fields. */
  protected abstract void write(P params, Map<String, String> fields);

  /** The kind's parameters from its own fields and the restart's. */
  protected abstract P read(Map<String, String> fields, Instant at, String image, long revision);

  @Override
  public final Map<String, String> write(P p) {
    Map<String, String> m = new HashMap<>();
    write(p, m);
    m.put("restartAt", p.at().toString());
    m.put("image", p.image());
    m.put("revision", Long.toString(p.revision()));
    return m;
  }

  @Override
  public final P read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException(name() + " parameters of version " + version);
    }
    return read(
        m, Instant.parse(m.get("restartAt")), m.get("image"), Long.parseLong(m.get("revision")));
  }

  @Override
  public final List<Step> steps() {
    return List.of(Deployments.PREFLIGHT, compare, change, RESTART, ROLLOUT);
  }

  /** Plans the command once the deployment was read and found not paused. */
  protected abstract Proposal<P> propose(C command, RolloutSnapshot before);

  @Override
  public final Proposal<P> propose(C c) {
    RolloutSnapshot before = cluster.read(c.target());
    Deployments.refuseIfPaused(before, c.service().name(), c.environment().name(), name());
    return propose(c, before);
  }

  /**
   * The proposal: preflight, what the comparison found, then the change, the restart and the
   * rollout, pending.
   */
  protected final Proposal<P> proposal(
      C c, RolloutSnapshot before, String summary, P p, StepRecord compared, String changes) {
    int replicas = before.status().specReplicas();
    return Proposal.of(
        summary,
        p,
        List.of(
            Deployments.preflight(c.target(), before),
            compared,
            change.pending(changes),
            RESTART.pending("restart the pods of " + c.target().deployment()),
            ROLLOUT.pending("roll out " + replicas + (replicas == 1 ? " replica" : " replicas"))));
  }

  /** Re-plans once the deployment was read again and found not paused. */
  protected abstract P replan(Plan<P> planned, RolloutSnapshot now);

  @Override
  public final P replan(Plan<P> planned) {
    RolloutSnapshot now = cluster.read(planned.target());
    Deployments.refuseIfPaused(now, planned.service(), planned.environment(), name());
    return replan(planned, now);
  }

  /** The text of what the kind changes and what it replaces, for the plan hash. */
  protected abstract String canonicalChange(P params);

  /**
   * What the kind changes and replaces, then the image and revision running; the restart time is
   * not part of it.
   */
  @Override
  public final String canonical(P p) {
    return canonicalChange(p) + "\n" + p.image() + "\n" + p.revision();
  }

  /** The {@code restartedAt} time a plan made now holds. */
  protected final Instant restartAt() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }

  /** The difference when only the deployment changed. */
  protected static String deploymentChanged(Restart now) {
    return "the deployment changed meanwhile (now revision " + now.revision() + ")";
  }

  /**
   * The change to apply, read and checked again: empty, and the operation stopped at {@code step},
   * when it is no longer what the plan was made from.
   */
  protected abstract Optional<Write> checked(OperationRun run, Plan<P> plan, Step step);

  /**
   * The new content read again from its source (through {@code read}, which also finds the source
   * in the catalog): empty, and the operation stopped at {@code step} with {@code cannot}'s words
   * for the error, when it cannot be read.
   */
  protected static <T> Optional<T> reread(
      OperationRun run, Step step, Supplier<T> read, Function<String, String> cannot) {
    try {
      return Optional.of(read.get());
    } catch (ServiceConfig.SourceException | UsageException e) {
      return stopped(run, step, cannot.apply(e.getMessage()));
    }
  }

  /** Stops the operation at {@code step}, saying why: nothing is applied. */
  protected static <T> Optional<T> stopped(OperationRun run, Step step, String why) {
    run.stop(step, why);
    return Optional.empty();
  }

  /** What the operation did, for the restart's change-cause. */
  protected abstract String did(P params);

  @Override
  public final CompletableFuture<OperationState> run(OperationRun run, Plan<P> plan, Step from) {
    P p = plan.params();
    String did = did(p);
    if (from.equals(change)) {
      Optional<Write> write = checked(run, plan, change);
      if (write.isEmpty()) {
        return CompletableFuture.completedFuture(OperationState.FAILED);
      }
      return rollouts
          .patch(
              run,
              change,
              write.get().detail(),
              () -> {
                write.get().apply().run();
                return 0L;
              })
          .thenCompose(
              done ->
                  restarts.restart(run, plan.target(), RESTART, ROLLOUT, p.at(), p.image(), did));
    }
    if (from.equals(RESTART)) {
      return restarts.restart(run, plan.target(), RESTART, ROLLOUT, p.at(), p.image(), did);
    }
    if (from.equals(ROLLOUT)) {
      return restarts.reattach(run, plan.target(), ROLLOUT, p.image());
    }
    throw new IllegalArgumentException("a " + name() + " does not run from " + from.name());
  }
}
