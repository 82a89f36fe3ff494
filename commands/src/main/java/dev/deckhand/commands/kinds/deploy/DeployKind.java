package dev.deckhand.commands.kinds.deploy;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.Hook;
import dev.deckhand.commands.catalog.MigrationJob;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.catalog.Strategy;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Deploy;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.RolloutOutcome;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.hooks.PostDeployHooks;
import dev.deckhand.commands.kinds.migrate.MigrationGate;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /deploy}: resolve the tag to a pinned image, run the service's migration Job with it if it
 * declares one (a failed Job stops the deploy before any pod rolls), set it on the container, watch
 * the rollout, verify health, and on a failure roll back to the revision read while planning.
 * Setting the same image again is idempotent; a rollout is watched again from the deployment's
 * generation; the rollback is compensating, so it runs only after a recorded failure, and never
 * twice.
 */
public final class DeployKind implements OperationKind<Deploy, DeployParams> {
  public static final Step RESOLVE = Step.of("resolve", Step.Resume.PLANNED);
  public static final Step SET_IMAGE = Step.of("set-image", Step.Resume.REPEAT);
  public static final Step ROLLOUT = Step.of("rollout", Step.Resume.REATTACH);
  public static final Step VERIFY = Step.of("verify", Step.Resume.REPEAT);
  public static final Step ROLLBACK = Step.of("rollback", Step.Resume.COMPENSATE);
  public static final Step ROLLBACK_ROLLOUT = Step.of("rollback-rollout", Step.Resume.COMPENSATE);

  public static final Registration REGISTRATION = new Registration(Deploy.SPEC, DeployKind::new);

  private static final List<Step> STEPS =
      List.of(
          Deployments.PREFLIGHT,
          RESOLVE,
          MigrationGate.MIGRATE,
          SET_IMAGE,
          ROLLOUT,
          VERIFY,
          PostDeployHooks.HOOKS,
          ROLLBACK,
          ROLLBACK_ROLLOUT);

  private final Catalog catalog;
  private final Cluster cluster;
  private final ImageResolver resolver;
  private final Rollouts rollouts;
  private final Rolls rolls;
  private final MigrationGate gate;
  private final PostDeployHooks hooks;

  public DeployKind(Tools tools) {
    this.catalog = tools.catalog();
    this.cluster = tools.cluster();
    this.resolver = new ImageResolver(tools.registry());
    this.rollouts = tools.rollouts();
    this.rolls = new Rolls(tools);
    this.gate = new MigrationGate(tools.migrations());
    this.hooks = new PostDeployHooks(tools.hooks());
  }

  @Override
  public String name() {
    return "deploy";
  }

  @Override
  public Class<Deploy> command() {
    return Deploy.class;
  }

  @Override
  public Map<String, String> write(DeployParams p) {
    return p.write();
  }

  @Override
  public DeployParams read(int version, Map<String, String> fields) {
    return DeployParams.read(version, fields);
  }

  @Override
  public List<Step> steps() {
    return STEPS;
  }

  @Override
  public Proposal<DeployParams> propose(Deploy d) {
    Target t = d.target();
    String service = d.service().name();
    RolloutSnapshot before = cluster.read(t);
    ImageRef image = resolver.resolve(d.service(), d.tag());
    if (image.pinned().equals(before.image())) {
      return Proposal.nothingToDo(
          new Reply.Text(
              service
                  + " in "
                  + d.environment().name()
                  + " already runs "
                  + image.pinned()
                  + "; nothing to do."));
    }
    Deployments.refuseIfPaused(before, service, d.environment().name(), "deploy");
    dev.deckhand.commands.kinds.bluegreen.Colours.refuseOffTheLiveColour(
        cluster, d.service(), d.environment().name(), t, "a rolling deploy");
    int checks = d.service().checks(d.environment().name()).size();
    MigrationJob migration = d.service().migrationJob().orElse(null);
    List<StepRecord> steps = new ArrayList<>();
    steps.add(Deployments.preflight(t, before));
    steps.add(RESOLVE.done("resolve " + d.tag().text() + " in the registry", image.shortForm()));
    if (migration != null) {
      steps.add(MigrationGate.pending(migration, image.tag()));
    }
    steps.addAll(
        List.of(
            SET_IMAGE.pending("set container " + t.container() + " to " + image.tag()),
            ROLLOUT.pending("roll out " + before.status().specReplicas() + " replicas"),
            VERIFY.pending("verify health (" + checks + (checks == 1 ? " check)" : " checks)"))));
    List<Hook> after = d.service().hooks(d.environment().name());
    if (!after.isEmpty()) {
      steps.add(PostDeployHooks.pending(after));
    }
    steps.addAll(
        List.of(
            ROLLBACK.pending(
                d.environment().autoRollback()
                    ? "roll back to revision "
                        + before.revision()
                        + " if anything fails"
                        + (migration == null ? "" : " (the schema stays migrated)")
                    : "no automatic rollback in " + d.environment().name()),
            ROLLBACK_ROLLOUT.pending("watch the rollback")));
    return Proposal.of(
            "deploy " + service + " " + image.tag(),
            new DeployParams(image.pinned(), before.image(), before.revision(), migration),
            steps)
        .withNotes(
            StrategyAdvice.lines(
                d.service(), d.environment(), Strategy.ROLLING, d.strategyTyped()));
  }

  /** The tag's digest now and what runs now. */
  @Override
  public DeployParams replan(Plan<DeployParams> planned) {
    RolloutSnapshot now = cluster.read(planned.target());
    Deployments.refuseIfPaused(now, planned.service(), planned.environment(), "deploy");
    return new DeployParams(
        resolver.repin(planned.params().image()).pinned(),
        now.image(),
        now.revision(),
        catalog.service(planned.service()).flatMap(ServiceSpec::migrationJob).orElse(null));
  }

  /** As before kinds existed: image, toRevision 0, what ran before; then the migration, if any. */
  @Override
  public String canonical(DeployParams p) {
    return String.join("\n", p.image(), "0", p.beforeImage(), Long.toString(p.beforeRevision()))
        + MigrationGate.canonical(p.migration());
  }

  @Override
  public String difference(DeployParams before, DeployParams now) {
    if (!before.image().equals(now.image())) {
      return "the tag now points to " + ImageRef.parse(now.image()).shortForm();
    }
    if (before.beforeRevision() != now.beforeRevision()
        || !before.beforeImage().equals(now.beforeImage())) {
      return "the deployment changed meanwhile (now revision " + now.beforeRevision() + ")";
    }
    return MigrationGate.difference(before.migration(), now.migration()).orElse("the plan changed");
  }

  @Override
  public void showReplan(OperationRun run, DeployParams now) {
    run.step(RESOLVE, StepState.DONE, ImageRef.parse(now.image()).shortForm());
  }

  @Override
  public Change change(Plan<DeployParams> plan, OperationState end) {
    return new Change(plan.params().beforeImage(), plan.params().image());
  }

  @Override
  public CompletableFuture<OperationState> run(
      OperationRun run, Plan<DeployParams> plan, Step from) {
    DeployParams p = plan.params();
    Target t = plan.target();
    if (from.equals(MigrationGate.MIGRATE)) {
      return gate.run(run, t, p.image(), p.migration())
          .thenCompose(ok -> ok ? run(run, plan, SET_IMAGE) : failed());
    }
    if (from.equals(SET_IMAGE)) {
      if (!cluster.read(t).image().equals(p.image())
          && Deployments.changedMeanwhile(run, cluster, t, SET_IMAGE, p.beforeImage())) {
        return failed();
      }
      return setImage(run, plan).thenCompose(gen -> rollout(run, plan, gen));
    }
    if (from.equals(ROLLOUT)) {
      return Deployments.changedMeanwhile(run, cluster, t, ROLLOUT, p.image())
          ? failed()
          : rollout(run, plan, Deployments.generation(cluster, t));
    }
    if (from.equals(VERIFY)) {
      return Deployments.changedMeanwhile(run, cluster, t, VERIFY, p.image())
          ? failed()
          : verify(run, plan);
    }
    if (from.equals(PostDeployHooks.HOOKS)) {
      return callHooks(run, plan);
    }
    if (from.equals(ROLLBACK)) {
      return rollBack(run, plan);
    }
    if (from.equals(ROLLBACK_ROLLOUT)) {
      return Deployments.changedMeanwhile(run, cluster, t, ROLLBACK_ROLLOUT, p.beforeImage())
          ? failed()
          : watchRollback(run, plan, Deployments.generation(cluster, t));
    }
    throw new IllegalArgumentException("a deploy does not run from " + from.name());
  }

  private static CompletableFuture<OperationState> failed() {
    return CompletableFuture.completedFuture(OperationState.FAILED);
  }

  private CompletableFuture<Long> setImage(OperationRun run, Plan<DeployParams> plan) {
    return rolls.setImage(run, SET_IMAGE, plan.target(), plan.params().image(), "");
  }

  private CompletableFuture<OperationState> rollout(
      OperationRun run, Plan<DeployParams> plan, long generation) {
    return rollouts
        .watch(run, ROLLOUT, plan.target(), generation)
        .thenCompose(
            outcome ->
                outcome instanceof RolloutOutcome.Complete
                    ? verify(run, plan)
                    : rollBack(run, plan));
  }

  private CompletableFuture<OperationState> verify(OperationRun run, Plan<DeployParams> plan) {
    return rolls
        .verify(run, VERIFY, plan.service(), plan.environment())
        .thenCompose(healthy -> healthy ? callHooks(run, plan) : rollBack(run, plan));
  }

  /** The hooks the plan listed, now that the deploy succeeded; none when it listed none. */
  private CompletableFuture<OperationState> callHooks(OperationRun run, Plan<DeployParams> plan) {
    boolean planned = run.view().steps().stream().anyMatch(PostDeployHooks.HOOKS::is);
    List<Hook> list =
        planned
            ? catalog.service(plan.service()).orElseThrow().hooks(plan.environment())
            : List.of();
    return hooks.run(run, list, plan.service(), plan.environment(), plan.params().image());
  }

  /**
   * Compensates a recorded failure: back to the revision read while planning. An undo already
   * applied (before a restart) is watched, never applied twice; a deployment that runs neither the
   * new image nor the old one was changed by someone else, and is left alone.
   */
  private CompletableFuture<OperationState> rollBack(OperationRun run, Plan<DeployParams> plan) {
    DeployParams p = plan.params();
    EnvironmentSpec env = catalog.environment(plan.environment()).orElseThrow();
    if (!env.autoRollback()) {
      run.skipPending("automatic rollback is off in " + env.name());
      return failed();
    }
    String now = cluster.read(plan.target()).image();
    if (now.equals(p.beforeImage())) {
      run.step(ROLLBACK, StepState.DONE, "back to revision " + p.beforeRevision());
      return watchRollback(run, plan, Deployments.generation(cluster, plan.target()));
    }
    if (!now.equals(p.image())
        && Deployments.changedMeanwhile(run, cluster, plan.target(), ROLLBACK, p.image())) {
      return failed();
    }
    return rolls
        .undo(
            run,
            ROLLBACK,
            plan.target(),
            p.beforeRevision(),
            "automatic rollback to revision " + p.beforeRevision())
        .thenCompose(gen -> watchRollback(run, plan, gen));
  }

  private CompletableFuture<OperationState> watchRollback(
      OperationRun run, Plan<DeployParams> plan, long gen) {
    return rollouts
        .watch(run, ROLLBACK_ROLLOUT, plan.target(), gen)
        .thenApply(
            o ->
                o instanceof RolloutOutcome.Complete
                    ? OperationState.ROLLED_BACK
                    : OperationState.FAILED);
  }
}
