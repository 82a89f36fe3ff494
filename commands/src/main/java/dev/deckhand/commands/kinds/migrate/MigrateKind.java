package dev.deckhand.commands.kinds.migrate;

import dev.deckhand.commands.catalog.MigrationJob;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.command.Migrate;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.deploy.ImageResolver;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /migrate}: the service's migration Job with a given image, alone: the schema moves ahead
 * of the code, which keeps running. Always destructive (a schema change is not undone by any
 * rollback), so a protected environment asks for approval even where the action is exempt.
 */
public final class MigrateKind implements OperationKind<Migrate, MigrateKind.Params> {
  public static final Step RESOLVE = Step.of("resolve", Step.Resume.PLANNED);

  public static final Registration REGISTRATION = new Registration(Migrate.SPEC, MigrateKind::new);

  /**
   * @param image the pinned image the Job runs
   * @param running the image the service runs (unchanged by a migration)
   * @param migration the Job's command and timeout, as planned
   */
  public record Params(String image, String running, MigrationJob migration) {}

  private final Cluster cluster;
  private final ImageResolver resolver;
  private final MigrationGate gate;
  private final dev.deckhand.commands.catalog.Catalog catalog;

  public MigrateKind(Tools tools) {
    this.cluster = tools.cluster();
    this.resolver = new ImageResolver(tools.registry());
    this.gate = new MigrationGate(tools.migrations());
    this.catalog = tools.catalog();
  }

  @Override
  public String name() {
    return "migrate";
  }

  @Override
  public Class<Migrate> command() {
    return Migrate.class;
  }

  @Override
  public Map<String, String> write(Params p) {
    Map<String, String> fields = new HashMap<>(MigrationGate.write(p.migration()));
    fields.put("image", p.image());
    fields.put("running", p.running());
    return fields;
  }

  @Override
  public Params read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("migrate parameters of version " + version);
    }
    MigrationJob job = MigrationGate.read(m);
    if (job == null) {
      throw new IllegalArgumentException("a stored migration without its command");
    }
    return new Params(m.getOrDefault("image", ""), m.getOrDefault("running", ""), job);
  }

  @Override
  public List<Step> steps() {
    return List.of(Deployments.PREFLIGHT, RESOLVE, MigrationGate.MIGRATE);
  }

  @Override
  public boolean destructive(Params params) {
    return true;
  }

  @Override
  public Proposal<Params> propose(Migrate m) {
    RolloutSnapshot before = cluster.read(m.target());
    ImageRef image = resolver.resolve(m.service(), m.tag());
    MigrationJob job = m.service().migrationJob().orElseThrow();
    return Proposal.of(
        "migrate " + m.service().name() + " " + image.tag(),
        new Params(image.pinned(), before.image(), job),
        List.of(
            Deployments.preflight(m.target(), before),
            RESOLVE.done("resolve " + m.tag().text() + " in the registry", image.shortForm()),
            MigrationGate.pending(job, image.tag())));
  }

  @Override
  public Params replan(Plan<Params> planned) {
    MigrationJob job =
        catalog
            .service(planned.service())
            .flatMap(ServiceSpec::migrationJob)
            .orElseThrow(
                () ->
                    new UsageException(
                        planned.service() + " no longer declares a migration",
                        "nothing was changed; check the catalog"));
    return new Params(
        resolver.repin(planned.params().image()).pinned(),
        cluster.read(planned.target()).image(),
        job);
  }

  /** The image the Job runs and what it runs; not the service's image, which it leaves alone. */
  @Override
  public String canonical(Params p) {
    return p.image() + MigrationGate.canonical(p.migration());
  }

  @Override
  public String difference(Params before, Params now) {
    if (!before.image().equals(now.image())) {
      return "the tag now points to " + ImageRef.parse(now.image()).shortForm();
    }
    return MigrationGate.difference(before.migration(), now.migration()).orElse("the plan changed");
  }

  @Override
  public Change change(Plan<Params> plan, OperationState end) {
    return new Change(plan.params().running(), plan.params().running());
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    if (!from.equals(MigrationGate.MIGRATE)) {
      throw new IllegalArgumentException("a migration does not run from " + from.name());
    }
    Params p = plan.params();
    return gate.run(run, plan.target(), p.image(), p.migration())
        .thenApply(ok -> ok ? OperationState.SUCCEEDED : OperationState.FAILED);
  }
}
