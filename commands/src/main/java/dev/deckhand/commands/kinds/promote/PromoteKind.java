package dev.deckhand.commands.kinds.promote;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.MigrationJob;
import dev.deckhand.commands.catalog.PromotionSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Promote;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.bluegreen.Colours;
import dev.deckhand.commands.kinds.deploy.DeployKind;
import dev.deckhand.commands.kinds.deploy.DeployParams;
import dev.deckhand.commands.kinds.deploy.ImageResolver;
import dev.deckhand.commands.kinds.hooks.PostDeployHooks;
import dev.deckhand.commands.kinds.migrate.MigrationGate;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ImageConfig;
import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.RegistryException;
import dev.deckhand.commands.ports.Timeline;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /promote}: the exact digest running and verified in the previous zone of the chain (its
 * latest successful operation there set it, it still runs there, and it has run at least the
 * chain's {@code soak}) is deployed to the next zone as {@code /deploy} deploys — migration,
 * rollout, verify, hooks, automatic rollback — and then the zone's tag is moved to it in the
 * registry and read back. Never a rebuild, never {@code latest}, never a digest the previous zone
 * did not verify. The same approval, freeze and lock path as a deploy.
 *
 * <p>The previous zone's strategy must have finished: no operation of the service may still hold
 * its lock there (a deploy, a canary in progress), and for a blue-green service the digest must run
 * on the colour the Service sends the traffic to (the switch happened), read from its selector.
 */
public final class PromoteKind implements OperationKind<Promote, PromoteParams> {
  public static final Step VERIFIED = Step.of("verified", Step.Resume.PLANNED);
  public static final Step ZONE_TAG = Step.of("zone-tag", Step.Resume.REPEAT);

  public static final Registration REGISTRATION = new Registration(Promote.SPEC, PromoteKind::new);

  /** Timeline rows of the previous zone searched for the verifying operation. */
  static final int LOOKBACK = 50;

  private static final List<Step> STEPS =
      List.of(
          Deployments.PREFLIGHT,
          VERIFIED,
          MigrationGate.MIGRATE,
          DeployKind.SET_IMAGE,
          DeployKind.ROLLOUT,
          DeployKind.VERIFY,
          PostDeployHooks.HOOKS,
          ZONE_TAG,
          DeployKind.ROLLBACK,
          DeployKind.ROLLBACK_ROLLOUT);

  private final Catalog catalog;
  private final Cluster cluster;
  private final ImageRegistry registry;
  private final ImageResolver resolver;
  private final Timeline timeline;
  private final Clock clock;
  private final DeployKind deploy;
  private final dev.deckhand.commands.ports.LockHolders locks;

  public PromoteKind(Tools tools) {
    this.locks = tools.locks();
    this.catalog = tools.catalog();
    this.cluster = tools.cluster();
    this.registry = tools.registry();
    this.resolver = new ImageResolver(tools.registry());
    this.timeline = tools.timeline();
    this.clock = tools.clock();
    this.deploy = new DeployKind(tools);
  }

  @Override
  public String name() {
    return "promote";
  }

  @Override
  public Class<Promote> command() {
    return Promote.class;
  }

  @Override
  public Map<String, String> write(PromoteParams p) {
    return p.write(deploy.write(p.deploy()));
  }

  @Override
  public PromoteParams read(int version, Map<String, String> fields) {
    if (version != 1) {
      throw new IllegalArgumentException("promote parameters of version " + version);
    }
    return PromoteParams.read(deploy.read(1, fields), fields);
  }

  @Override
  public List<Step> steps() {
    return STEPS;
  }

  /**
   * The verifying operation in the previous zone: what it set, and when it ended; {@code where}
   * names the deployment that runs it there (for a blue-green service, its live colour).
   */
  private record Verified(Timeline.Entry entry, ImageRef image, String where) {}

  @Override
  public Proposal<PromoteParams> propose(Promote p) {
    ServiceSpec service = p.service();
    String env = p.environment().name();
    PromotionSpec promotion = catalog.promotion();
    String digest =
        p.digest().orElseGet(() -> resolver.resolve(service, p.tag().orElseThrow()).digest());
    refuseWhileRunning(service, p.from());
    Verified verified = verified(service, p.from(), digest);
    Colours.refuseOffTheLiveColour(cluster, service, env, p.target(), "a promotion");
    Instant now = clock.instant();
    Duration ran = Duration.between(verified.entry().at(), now);
    if (ran.compareTo(promotion.soak()) < 0) {
      throw new UsageException(
          "op "
              + verified.entry().operationId()
              + " verified it in "
              + p.from()
              + " "
              + words(ran)
              + " ago; it must run there "
              + words(promotion.soak())
              + " first",
          "promote after "
              + verified
                  .entry()
                  .at()
                  .plus(promotion.soak())
                  .truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
              + " (soak: in the catalog's promotion:)");
    }
    String revision = revision(service, digest);
    ImageRef image = verified.image();
    Target t = p.target();
    RolloutSnapshot before = cluster.read(t);
    String zoneTag = promotion.zoneTag(env).orElse("");
    if (image.pinned().equals(before.image())) {
      return Proposal.nothingToDo(
          new Reply.Text(
              service.name()
                  + " in "
                  + env
                  + " already runs "
                  + image.shortForm()
                  + "; nothing to do."));
    }
    Deployments.refuseIfPaused(before, service.name(), env, "promote");
    MigrationJob migration = service.migrationJob().orElse(null);
    int checks = service.checks(env).size();
    List<StepRecord> steps = new ArrayList<>();
    steps.add(Deployments.preflight(t, before));
    steps.add(
        VERIFIED.done(
            "the digest verified in " + p.from(),
            digest.substring(0, 19)
                + (revision.isEmpty() ? "" : " (git " + revision + ")")
                + ", running in "
                + p.from()
                + verified.where()
                + " since op "
                + verified.entry().operationId()
                + ", "
                + words(ran)
                + " ago"));
    if (migration != null) {
      steps.add(MigrationGate.pending(migration, image.tag()));
    }
    steps.add(
        DeployKind.SET_IMAGE.pending("set container " + t.container() + " to " + image.tag()));
    steps.add(
        DeployKind.ROLLOUT.pending("roll out " + before.status().specReplicas() + " replicas"));
    steps.add(
        DeployKind.VERIFY.pending(
            "verify health (" + checks + (checks == 1 ? " check)" : " checks)")));
    if (!service.hooks(env).isEmpty()) {
      steps.add(PostDeployHooks.pending(service.hooks(env)));
    }
    if (!zoneTag.isEmpty()) {
      steps.add(ZONE_TAG.pending("move tag " + zoneTag + " of " + service.image() + " to it"));
    }
    steps.add(
        DeployKind.ROLLBACK.pending(
            p.environment().autoRollback()
                ? "roll back to revision " + before.revision() + " if anything fails"
                : "no automatic rollback in " + env));
    steps.add(DeployKind.ROLLBACK_ROLLOUT.pending("watch the rollback"));
    return Proposal.of(
        "promote " + service.name() + " " + image.tag() + " " + p.from() + " → " + env,
        new PromoteParams(
            new DeployParams(image.pinned(), before.image(), before.revision(), migration),
            p.from(),
            verified.entry().operationId(),
            verified.entry().at(),
            revision,
            zoneTag),
        steps);
  }

  /**
   * Refuses while an operation of {@code service} holds its lock in {@code from}: what it is doing
   * there (a deploy, a canary still stepping) has not finished, so nothing there is verified yet.
   */
  private void refuseWhileRunning(ServiceSpec service, String from) {
    locks
        .holder(service.name(), from)
        .filter(l -> l.operationId() > 0)
        .ifPresent(
            l -> {
              throw new UsageException(
                  service.name()
                      + " in "
                      + from
                      + " is still running op "
                      + l.operationId()
                      + " ("
                      + l.reason()
                      + "); a promotion waits until it has ended and been verified there",
                  "/status "
                      + service.name()
                      + " --env "
                      + from
                      + ", then /promote again once op "
                      + l.operationId()
                      + " has succeeded");
            });
  }

  /**
   * The deployment of {@code service} that serves {@code from}: for a blue-green service the live
   * colour's (from the Service's selector), else the catalog's.
   */
  private Target serving(ServiceSpec service, String from) {
    Target there = service.target(from).orElseThrow();
    return service
        .blueGreenSpec()
        .map(bg -> Colours.of(there, Colours.live(cluster.serviceSelector(there, bg.service()))))
        .orElse(there);
  }

  /**
   * The latest successful operation in {@code from} that set this digest, provided the deployment
   * serving the zone (its live colour, for a blue-green service) still runs it.
   */
  private Verified verified(ServiceSpec service, String from, String digest) {
    Target catalogs = service.target(from).orElseThrow();
    Target there = serving(service, from);
    String running = cluster.read(there).image();
    Optional<Timeline.Entry> entry =
        timeline.recent(service.name(), from, LOOKBACK).stream()
            .filter(e -> e.result().equals("succeeded"))
            .filter(e -> e.newImage().endsWith("@" + digest))
            .findFirst();
    if (entry.isEmpty()) {
      throw new UsageException(
          digest.substring(0, 19)
              + " of "
              + service.name()
              + " was never deployed and verified in "
              + from,
          "/deploy it to "
              + from
              + " first, or promote the digest "
              + from
              + " runs: /status "
              + service.name()
              + " --env "
              + from);
    }
    if (!running.endsWith("@" + digest)) {
      throw new UsageException(
          service.name()
              + " in "
              + from
              + (there.equals(catalogs) ? "" : " (traffic on " + there.deployment() + ")")
              + " runs "
              + shortImage(running)
              + " now, not "
              + digest.substring(0, 19),
          "promote what "
              + from
              + " runs now, or /deploy "
              + digest.substring(0, 19)
              + " to "
              + from
              + " again");
    }
    return new Verified(
        entry.get(),
        ImageRef.parse(entry.get().newImage()),
        there.equals(catalogs) ? "" : " (traffic on " + there.deployment() + ")");
  }

  private String revision(ServiceSpec service, String digest) {
    try {
      return registry.config(service.image(), digest).flatMap(ImageConfig::revision).orElse("");
    } catch (RegistryException e) {
      return ""; // the git SHA is shown when the registry tells it; the promotion does not need it
    }
  }

  private static String shortImage(String pinned) {
    try {
      return ImageRef.parse(pinned).shortForm();
    } catch (IllegalArgumentException e) {
      return pinned;
    }
  }

  /** {@code 2h 14m}, {@code 12m}, {@code 40s}. */
  static String words(Duration d) {
    long minutes = d.toMinutes();
    if (minutes == 0) {
      return Math.max(0, d.toSeconds()) + "s";
    }
    return minutes >= 60
        ? minutes / 60 + "h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + "m")
        : minutes + "m";
  }

  /**
   * The digest stays as planned (a promotion moves a digest, not a tag); what runs is read again.
   */
  @Override
  public PromoteParams replan(Plan<PromoteParams> planned) {
    ServiceSpec service = catalog.service(planned.service()).orElseThrow();
    refuseWhileRunning(service, planned.params().from());
    RolloutSnapshot now = cluster.read(planned.target());
    Deployments.refuseIfPaused(now, planned.service(), planned.environment(), "promote");
    PromoteParams p = planned.params();
    return new PromoteParams(
        new DeployParams(
            p.deploy().image(),
            now.image(),
            now.revision(),
            catalog.service(planned.service()).flatMap(ServiceSpec::migrationJob).orElse(null)),
        p.from(),
        p.verifiedBy(),
        p.verifiedAt(),
        p.revision(),
        p.zoneTag());
  }

  @Override
  public String canonical(PromoteParams p) {
    return deploy.canonical(p.deploy()) + "\n" + p.from() + "\n" + p.zoneTag();
  }

  @Override
  public String difference(PromoteParams before, PromoteParams now) {
    if (!before.zoneTag().equals(now.zoneTag())) {
      return "the zone tag is now " + now.zoneTag();
    }
    return deploy.difference(before.deploy(), now.deploy());
  }

  @Override
  public void showReplan(OperationRun run, PromoteParams now) {
    // The digest does not change at quorum; the verified step stands as planned.
  }

  @Override
  public Change change(Plan<PromoteParams> plan, OperationState end) {
    return new Change(plan.params().deploy().beforeImage(), plan.params().deploy().image());
  }

  @Override
  public CompletableFuture<OperationState> run(
      OperationRun run, Plan<PromoteParams> plan, Step from) {
    if (from.equals(ZONE_TAG)) {
      return CompletableFuture.completedFuture(moveZoneTag(run, plan));
    }
    Plan<DeployParams> asDeploy =
        new Plan<>(
            plan.kind(),
            plan.summary(),
            plan.service(),
            plan.environment(),
            plan.target(),
            plan.breakGlass(),
            plan.hash(),
            plan.params().deploy());
    return deploy
        .run(run, asDeploy, from)
        .thenApply(end -> end == OperationState.SUCCEEDED ? moveZoneTag(run, plan) : end);
  }

  /**
   * Moves the zone's tag to the promoted digest and reads it back. The deploy stands whatever
   * happens here: a tag that could not be moved is reported on the step, with what to do.
   */
  private OperationState moveZoneTag(OperationRun run, Plan<PromoteParams> plan) {
    String tag = plan.params().zoneTag();
    boolean planned = run.view().steps().stream().anyMatch(ZONE_TAG::is);
    if (tag.isEmpty() || !planned) {
      return OperationState.SUCCEEDED;
    }
    ImageRef image = ImageRef.parse(plan.params().deploy().image());
    run.step(ZONE_TAG, StepState.RUNNING, "moving " + tag);
    try {
      registry.tag(image.repository(), tag, image.digest());
      Optional<String> now = registry.digest(image.repository(), tag);
      if (now.isPresent() && now.get().equals(image.digest())) {
        run.step(
            ZONE_TAG,
            StepState.DONE,
            "✓ " + tag + " → " + image.digest().substring(0, 19) + " (read back)");
      } else {
        run.step(
            ZONE_TAG,
            StepState.DONE,
            "✗ "
                + tag
                + " reads back as "
                + now.map(d -> d.substring(0, Math.min(19, d.length()))).orElse("nothing")
                + "; the deploy stands, move the tag by hand");
      }
    } catch (RegistryException e) {
      run.step(
          ZONE_TAG,
          StepState.DONE,
          "✗ " + tag + " not moved: " + e.getMessage() + "; the deploy stands");
    }
    return OperationState.SUCCEEDED;
  }
}
