package dev.deckhand.commands.kinds.release;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.DeployAll;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.deploy.ImageResolver;
import dev.deckhand.commands.kinds.migrate.MigrationGate;
import dev.deckhand.commands.kinds.release.ReleaseParams.Entry;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /deploy-all <tag-or-prefix>}: the same tag (honeyDue tags every image with the commit SHA)
 * resolved for every service of the environment as {@code /deploy} resolves it, or {@code
 * /deploy-all --release <name>}: each service of a release file to its own tag; then rolled wave by
 * wave (see {@link Waves}). A service where its tag does not resolve refuses the whole release
 * while planning. Holds every service's lock; one approval for the whole release.
 */
public final class DeployAllKind extends ReleaseKind<DeployAll> {
  public static final Registration REGISTRATION =
      new Registration(DeployAll.SPEC, DeployAllKind::new);

  private final Catalog catalog;
  private final ImageRegistry registry;
  private final ImageResolver resolver;

  public DeployAllKind(Tools tools) {
    super(tools, true);
    this.catalog = tools.catalog();
    this.registry = tools.registry();
    this.resolver = new ImageResolver(tools.registry());
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
  public Proposal<ReleaseParams> propose(DeployAll d) {
    String env = d.environment().name();
    List<String> unresolved = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<Entry> entries =
        numbered(
            d.waves(),
            (s, wave) -> {
              RolloutSnapshot before = cluster.read(s.target(env).orElseThrow());
              ImageRef image;
              try {
                image = resolver.resolve(s, d.tagFor(s));
              } catch (UsageException e) {
                unresolved.add(
                    s.name()
                        + (d.oneTag() ? "" : " " + d.tagFor(s).text())
                        + " ("
                        + e.problem()
                        + ")");
                return Optional.empty();
              }
              Deployments.refuseIfPaused(before, s.name(), env, "deploy-all");
              if (image.pinned().equals(before.image())) {
                unchanged.add(s.name());
                return Optional.empty();
              }
              return Optional.of(
                  new Entry(
                      wave,
                      s.name(),
                      image.pinned(),
                      before.image(),
                      before.revision(),
                      0,
                      s.migrationJob().orElse(null)));
            });
    if (!unresolved.isEmpty()) {
      throw new UsageException(
          (d.oneTag() ? "'" + d.asked() + "'" : d.asked())
              + " does not resolve for "
              + unresolved.size()
              + (unresolved.size() == 1 ? " service: " : " services: ")
              + String.join("; ", unresolved)
              + "; nothing was changed",
          "push the tag for every service first, or /deploy the services one by one");
    }
    if (entries.isEmpty()) {
      return Proposal.nothingToDo(
          new Reply.Text(
              "every service "
                  + (d.oneTag()
                      ? "in " + env + " already runs " + d.asked()
                      : "of " + d.asked() + " already runs its tag in " + env)
                  + "; nothing to do."));
    }
    ReleaseParams params =
        new ReleaseParams(d.asked(), catalog.release().rollbackOnFailure(), entries);
    int waves = params.waves();
    List<StepRecord> steps = new ArrayList<>();
    steps.add(
        WavePlan.PLANNED.done(
            d.oneTag()
                ? "resolve " + d.asked() + " for every service in " + env
                : "resolve the tags of " + d.asked() + " in " + env,
            entries.size()
                + " to deploy in "
                + waves
                + (waves == 1 ? " wave" : " waves")
                + (unchanged.isEmpty()
                    ? ""
                    : "; already running it: " + String.join(", ", unchanged))));
    for (Entry e : entries) {
      steps.addAll(
          this.steps.pending(
              e, ImageRef.parse(e.beforeImage()).tag() + " → " + ImageRef.parse(e.image()).tag()));
    }
    boolean rollback = params.rollbackOnFailure() && d.environment().autoRollback();
    for (Entry e : WavePlan.reversed(entries)) {
      steps.add(
          WavePlan.rollback(e)
              .pending(
                  e.service()
                      + ": "
                      + (rollback
                          ? "back to revision " + e.beforeRevision() + " if the release fails"
                          : "no automatic rollback")));
    }
    return Proposal.of("deploy-all " + d.asked() + " in " + env, params, steps);
  }

  /** Every tag's digest now, and what every service runs now. */
  @Override
  public ReleaseParams replan(Plan<ReleaseParams> planned) {
    List<Entry> now = new ArrayList<>();
    for (Entry e : planned.params().entries()) {
      RolloutSnapshot snapshot = now(e, planned.environment());
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
    return canonical(
        List.of(p.asked(), Boolean.toString(p.rollbackOnFailure())),
        p,
        Entry::image,
        e -> MigrationGate.canonical(e.migration()));
  }

  @Override
  Optional<String> retargeted(Entry before, Entry now) {
    return before.image().equals(now.image())
        ? Optional.empty()
        : Optional.of(
            "the tag of "
                + now.service()
                + " now points to "
                + ImageRef.parse(now.image()).shortForm());
  }

  /** Its revision or image changed. */
  @Override
  boolean moved(Entry before, Entry now) {
    return before.beforeRevision() != now.beforeRevision()
        || !before.beforeImage().equals(now.beforeImage());
  }

  @Override
  public Change change(Plan<ReleaseParams> plan, OperationState end) {
    return new Change(images(plan.params(), true), images(plan.params(), false));
  }
}
