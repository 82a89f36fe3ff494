package dev.deckhand.commands.kinds.release;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.DeployAll;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.deploy.ImageResolver;
import dev.deckhand.commands.kinds.migrate.MigrationGate;
import dev.deckhand.commands.kinds.release.ReleaseParams.Entry;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /deploy-all <tag-or-prefix>}: the same tag (honeyDue tags every image with the commit SHA)
 * resolved for every service of the environment as {@code /deploy} resolves it, then rolled wave by
 * wave (see {@link Waves}); a service where it does not resolve refuses the whole release while
 * planning. Holds every service's lock; one approval for the whole release.
 */
public final class DeployAllKind implements OperationKind<DeployAll, ReleaseParams> {
  public static final Registration REGISTRATION =
      new Registration(DeployAll.SPEC, DeployAllKind::new);

  private final Catalog catalog;
  private final Cluster cluster;
  private final ImageRegistry registry;
  private final ImageResolver resolver;
  private final Waves waves;

  public DeployAllKind(Tools tools) {
    this.catalog = tools.catalog();
    this.cluster = tools.cluster();
    this.registry = tools.registry();
    this.resolver = new ImageResolver(tools.registry());
    this.waves = new Waves(tools, true);
  }

  @Override
  public String name() {
    return "deploy-all";
  }

  @Override
  public Class<DeployAll> command() {
    return DeployAll.class;
  }

  @Override
  public Map<String, String> write(ReleaseParams p) {
    return p.write();
  }

  @Override
  public ReleaseParams read(int version, Map<String, String> fields) {
    return ReleaseParams.read(version, fields);
  }

  /** The steps of a plan without services (none: see {@link #steps(ReleaseParams)}). */
  @Override
  public List<Step> steps() {
    return List.of(Waves.PLANNED);
  }

  @Override
  public List<Step> steps(ReleaseParams params) {
    return waves.steps(params);
  }

  @Override
  public List<String> locked(Plan<ReleaseParams> plan) {
    return plan.params().entries().stream().map(Entry::service).toList();
  }

  @Override
  public Proposal<ReleaseParams> propose(DeployAll d) {
    String env = d.environment().name();
    List<String> unresolved = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    int wave = 0;
    for (List<ServiceSpec> services : d.waves()) {
      List<Entry> here = new ArrayList<>();
      for (ServiceSpec s : services) {
        Target t = s.target(env).orElseThrow();
        RolloutSnapshot before = cluster.read(t);
        ImageRef image;
        try {
          image = resolver.resolve(s, d.tag());
        } catch (UsageException e) {
          unresolved.add(s.name() + " (" + e.problem() + ")");
          continue;
        }
        Deployments.refuseIfPaused(before, s.name(), env, "deploy-all");
        if (image.pinned().equals(before.image())) {
          unchanged.add(s.name());
          continue;
        }
        here.add(
            new Entry(
                wave + 1,
                s.name(),
                image.pinned(),
                before.image(),
                before.revision(),
                0,
                s.migrationJob().orElse(null)));
      }
      if (!here.isEmpty()) {
        wave++;
        entries.addAll(here);
      }
    }
    if (!unresolved.isEmpty()) {
      throw new UsageException(
          "'"
              + d.tag().text()
              + "' does not resolve for "
              + unresolved.size()
              + (unresolved.size() == 1 ? " service: " : " services: ")
              + String.join("; ", unresolved)
              + "; nothing was changed",
          "push the tag for every service first, or /deploy the services one by one");
    }
    if (entries.isEmpty()) {
      return Proposal.nothingToDo(
          new Reply.Text(
              "every service in " + env + " already runs " + d.tag().text() + "; nothing to do."));
    }
    ReleaseParams params =
        new ReleaseParams(d.tag().text(), catalog.release().rollbackOnFailure(), entries);
    List<StepRecord> steps = new ArrayList<>();
    steps.add(
        Waves.PLANNED.done(
            "resolve " + d.tag().text() + " for every service in " + env,
            entries.size()
                + " to deploy in "
                + wave
                + (wave == 1 ? " wave" : " waves")
                + (unchanged.isEmpty()
                    ? ""
                    : "; already running it: " + String.join(", ", unchanged))));
    for (Entry e : entries) {
      String who = "wave " + e.wave() + " · " + e.service() + ": ";
      if (e.migration() != null) {
        steps.add(
            Waves.migrate(e)
                .pending(
                    who
                        + "run migration Job `"
                        + e.migration().commandLine()
                        + "` first; "
                        + MigrationGate.NO_REVERT));
      }
      steps.add(
          waves
              .apply(e)
              .pending(
                  who
                      + ImageRef.parse(e.beforeImage()).tag()
                      + " → "
                      + ImageRef.parse(e.image()).tag()));
      steps.add(Waves.rollout(e).pending(who + "roll out"));
      steps.add(Waves.verify(e).pending(who + "verify health"));
    }
    List<Entry> reversed = new ArrayList<>(entries);
    java.util.Collections.reverse(reversed);
    boolean rollback = params.rollbackOnFailure() && d.environment().autoRollback();
    for (Entry e : reversed) {
      steps.add(
          Waves.rollback(e)
              .pending(
                  e.service()
                      + ": "
                      + (rollback
                          ? "back to revision " + e.beforeRevision() + " if the release fails"
                          : "no automatic rollback")));
    }
    return Proposal.of("deploy-all " + d.tag().text() + " in " + env, params, steps);
  }

  /** Every tag's digest now, and what every service runs now. */
  @Override
  public ReleaseParams replan(Plan<ReleaseParams> planned) {
    List<Entry> now = new ArrayList<>();
    for (Entry e : planned.params().entries()) {
      Target t = waves.target(e.service(), planned.environment());
      RolloutSnapshot snapshot = cluster.read(t);
      Deployments.refuseIfPaused(snapshot, e.service(), planned.environment(), "deploy-all");
      ImageRef ref = ImageRef.parse(e.image());
      String digest =
          registry
              .digest(ref.repository(), ref.tag())
              .orElseThrow(
                  () ->
                      new UsageException(
                          "tag '" + ref.tag() + "' of " + ref.repository() + " vanished",
                          "nothing was changed; deploy another tag"));
      now.add(
          new Entry(
              e.wave(),
              e.service(),
              new ImageRef(ref.repository(), ref.tag(), digest).pinned(),
              snapshot.image(),
              snapshot.revision(),
              0,
              catalog.service(e.service()).flatMap(s -> s.migrationJob()).orElse(null)));
    }
    return new ReleaseParams(planned.params().asked(), planned.params().rollbackOnFailure(), now);
  }

  @Override
  public String canonical(ReleaseParams p) {
    List<String> lines = new ArrayList<>();
    lines.add(p.asked());
    lines.add(Boolean.toString(p.rollbackOnFailure()));
    for (Entry e : p.entries()) {
      lines.add(
          String.join(
                  " ",
                  Integer.toString(e.wave()),
                  e.service(),
                  e.image(),
                  e.beforeImage(),
                  Long.toString(e.beforeRevision()))
              + MigrationGate.canonical(e.migration()));
    }
    return String.join("\n", lines);
  }

  @Override
  public String difference(ReleaseParams before, ReleaseParams now) {
    for (int i = 0; i < Math.min(before.entries().size(), now.entries().size()); i++) {
      Entry b = before.entries().get(i);
      Entry n = now.entries().get(i);
      if (!b.image().equals(n.image())) {
        return "the tag of "
            + n.service()
            + " now points to "
            + ImageRef.parse(n.image()).shortForm();
      }
      if (b.beforeRevision() != n.beforeRevision() || !b.beforeImage().equals(n.beforeImage())) {
        return n.service() + " changed meanwhile (now revision " + n.beforeRevision() + ")";
      }
    }
    return "the plan changed";
  }

  @Override
  public CompletableFuture<OperationState> run(
      OperationRun run, Plan<ReleaseParams> plan, Step from) {
    return waves.run(run, plan, from);
  }

  @Override
  public Change change(Plan<ReleaseParams> plan, OperationState end) {
    return new Change(images(plan.params(), true), images(plan.params(), false));
  }

  /** One timeline entry per service: what it ran, and the image the release set. */
  @Override
  public Map<String, Change> changes(Plan<ReleaseParams> plan, OperationState end) {
    Map<String, Change> out = new java.util.LinkedHashMap<>();
    for (Entry e : plan.params().entries()) {
      out.put(e.service(), new Change(e.beforeImage(), e.image()));
    }
    return out;
  }

  static String images(ReleaseParams p, boolean before) {
    return String.join(
        ", ",
        p.entries().stream()
            .map(
                e -> e.service() + " " + ImageRef.parse(before ? e.beforeImage() : e.image()).tag())
            .toList());
  }
}
