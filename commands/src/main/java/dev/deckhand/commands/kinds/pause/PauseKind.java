package dev.deckhand.commands.kinds.pause;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.OperationCommand;
import dev.deckhand.commands.command.Pause;
import dev.deckhand.commands.command.Resume;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /pause} and {@code /resume}: set {@code spec.paused}, recording who paused and when on the
 * deployment, so that a deploy, rollback or restart of a paused deployment is refused naming them.
 * A resume then watches the rollout the pause held back. Setting the same value again changes
 * nothing, so the step is repeatable.
 *
 * @param <C> {@link Pause} or {@link Resume}
 */
public final class PauseKind<C extends OperationCommand>
    implements OperationKind<C, PauseKind.Params> {
  public static final Step PAUSE = Step.of("pause", Step.Resume.REPEAT);
  public static final Step RESUME = Step.of("resume", Step.Resume.REPEAT);
  public static final Step ROLLOUT = Step.of("rollout", Step.Resume.REATTACH);

  public static final Registration PAUSING =
      new Registration(Pause.SPEC, tools -> new PauseKind<>(Pause.class, true, tools));
  public static final Registration RESUMING =
      new Registration(Resume.SPEC, tools -> new PauseKind<>(Resume.class, false, tools));

  /**
   * @param at when it was asked (what the pause annotation records)
   * @param image the image running when planned
   */
  public record Params(Instant at, String image) {}

  private final Class<C> command;
  private final boolean pause;
  private final Cluster cluster;
  private final Rollouts rollouts;
  private final Clock clock;

  private PauseKind(Class<C> command, boolean pause, Tools tools) {
    this.command = command;
    this.pause = pause;
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
    this.clock = tools.clock();
  }

  @Override
  public String name() {
    return pause ? "pause" : "resume";
  }

  @Override
  public Class<C> command() {
    return command;
  }

  @Override
  public Map<String, String> write(Params p) {
    return Map.of("at", p.at().toString(), "image", p.image());
  }

  @Override
  public Params read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException(name() + " parameters of version " + version);
    }
    return new Params(Instant.parse(m.get("at")), m.getOrDefault("image", ""));
  }

  @Override
  public List<Step> steps() {
    return pause
        ? List.of(Deployments.PREFLIGHT, PAUSE)
        : List.of(Deployments.PREFLIGHT, RESUME, ROLLOUT);
  }

  @Override
  public Proposal<Params> propose(C c) {
    RolloutSnapshot before = cluster.read(c.target());
    String where = c.service().name() + " in " + c.environment().name();
    if (before.pause().paused() == pause) {
      return Proposal.nothingToDo(
          new Reply.Text(
              where + (pause ? " is already paused" : " is not paused") + "; nothing to do."));
    }
    List<StepRecord> steps = new ArrayList<>();
    steps.add(Deployments.preflight(c.target(), before));
    if (pause) {
      steps.add(PAUSE.pending("pause the rollouts of " + c.target().deployment()));
    } else {
      steps.add(RESUME.pending("resume the rollouts of " + c.target().deployment()));
      steps.add(ROLLOUT.pending("watch the rollout it held back, if any"));
    }
    return Proposal.of(
        name() + " " + c.service().name(),
        new Params(clock.instant().truncatedTo(ChronoUnit.SECONDS), before.image()),
        steps);
  }

  @Override
  public Params replan(Plan<Params> planned) {
    return new Params(planned.params().at(), cluster.read(planned.target()).image());
  }

  @Override
  public String canonical(Params p) {
    return p.image();
  }

  @Override
  public String difference(Params before, Params now) {
    return "the deployment changed meanwhile";
  }

  @Override
  public Change change(Plan<Params> plan, OperationState end) {
    return new Change(plan.params().image(), plan.params().image());
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    if (from.equals(PAUSE) || from.equals(RESUME)) {
      String by = run.header().actor().displayName();
      CompletableFuture<Long> patched =
          rollouts.patch(
              run,
              from,
              pause ? "paused by " + by : "resumed",
              () -> cluster.pause(plan.target(), pause, by, plan.params().at()));
      return pause
          ? patched.thenApply(gen -> OperationState.SUCCEEDED)
          : patched.thenCompose(gen -> watch(run, plan, gen));
    }
    if (from.equals(ROLLOUT)) {
      return watch(run, plan, Deployments.generation(cluster, plan.target()));
    }
    throw new IllegalArgumentException("a " + name() + " does not run from " + from.name());
  }

  private CompletableFuture<OperationState> watch(
      OperationRun run, Plan<Params> plan, long generation) {
    return rollouts.watchToEnd(run, ROLLOUT, plan.target(), generation);
  }
}
