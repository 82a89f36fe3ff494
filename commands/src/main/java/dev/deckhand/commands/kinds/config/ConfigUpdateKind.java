package dev.deckhand.commands.kinds.config;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.ConfigUpdate;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.Restarts;
import dev.deckhand.commands.model.Fingerprint;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
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

/**
 * {@code /config-update}: the service's ConfigMap regenerated from its source file, then a rolling
 * restart (pods read env vars only at start). The plan holds fingerprints of the new and the live
 * data, never the data: an approval is for exactly that content, and when the file or the live map
 * differ at run time, nothing is applied.
 */
public final class ConfigUpdateKind
    implements OperationKind<ConfigUpdate, ConfigUpdateKind.Params> {
  public static final Step DIFF = Step.of("diff", Step.Resume.PLANNED);
  public static final Step APPLY = Step.of("apply", Step.Resume.REPEAT);
  public static final Step RESTART = Step.of("restart", Step.Resume.REPEAT);
  public static final Step ROLLOUT = Step.of("rollout", Step.Resume.REATTACH);

  public static final Registration REGISTRATION =
      new Registration(ConfigUpdate.SPEC, ConfigUpdateKind::new);

  /** What the live ConfigMap's fingerprint is when there is none. */
  static final String ABSENT = "absent";

  /**
   * @param configMap the ConfigMap's name
   * @param source where its data comes from, as the catalog says
   * @param data the fingerprint of the new data
   * @param live the fingerprint of the live data when planned, {@link #ABSENT} when there was none
   * @param diff the key diff users read (secret values as fingerprints)
   * @param at the {@code restartedAt} time of the restart
   * @param image the image running when planned
   * @param revision the revision running then
   */
  public record Params(
      String configMap,
      String source,
      String data,
      String live,
      String diff,
      Instant at,
      String image,
      long revision) {}

  private final Cluster cluster;
  private final Rollouts rollouts;
  private final Restarts restarts;
  private final Clock clock;
  private final Catalog catalog;

  public ConfigUpdateKind(Tools tools) {
    this.catalog = tools.catalog();
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
    this.restarts = new Restarts(tools);
    this.clock = tools.clock();
  }

  @Override
  public String name() {
    return "config-update";
  }

  @Override
  public Class<ConfigUpdate> command() {
    return ConfigUpdate.class;
  }

  @Override
  public Map<String, String> write(Params p) {
    Map<String, String> m = new HashMap<>();
    m.put("configMap", p.configMap());
    m.put("source", p.source());
    m.put("data", p.data());
    m.put("live", p.live());
    m.put("diff", p.diff());
    m.put("restartAt", p.at().toString());
    m.put("image", p.image());
    m.put("revision", Long.toString(p.revision()));
    return m;
  }

  @Override
  public Params read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("config-update parameters of version " + version);
    }
    return new Params(
        m.get("configMap"),
        m.get("source"),
        m.get("data"),
        m.get("live"),
        m.get("diff"),
        Instant.parse(m.get("restartAt")),
        m.get("image"),
        Long.parseLong(m.get("revision")));
  }

  @Override
  public List<Step> steps() {
    return List.of(Deployments.PREFLIGHT, DIFF, APPLY, RESTART, ROLLOUT);
  }

  @Override
  public Proposal<Params> propose(ConfigUpdate c) {
    RolloutSnapshot before = cluster.read(c.target());
    String service = c.service().name();
    String env = c.environment().name();
    Deployments.refuseIfPaused(before, service, env, "config-update");
    ServiceConfig.ConfigMapSource cm = c.configMap();
    Map<String, String> data = Sources.read(cm.source(), "the data of ConfigMap " + cm.name());
    Optional<Map<String, String>> live = cluster.configMap(c.target(), cm.name());
    KeyDiff diff = KeyDiff.of(live.orElse(Map.of()), data);
    if (live.isPresent() && diff.isEmpty()) {
      return Proposal.nothingToDo(
          new Reply.Text(
              "ConfigMap "
                  + cm.name()
                  + " of "
                  + service
                  + " in "
                  + env
                  + " already holds what "
                  + cm.source().describe()
                  + " says; nothing to do."));
    }
    Params p = params(cm, data, live, diff, before);
    int replicas = before.status().specReplicas();
    return Proposal.of(
        "config-update " + service,
        p,
        List.of(
            Deployments.preflight(c.target(), before),
            DIFF.done(
                "compare ConfigMap " + cm.name() + " with " + cm.source().describe(),
                (live.isEmpty() ? "new ConfigMap; " : "") + diff.line()),
            APPLY.pending("apply ConfigMap " + c.target().namespace() + "/" + cm.name()),
            RESTART.pending("restart the pods of " + c.target().deployment()),
            ROLLOUT.pending("roll out " + replicas + (replicas == 1 ? " replica" : " replicas"))));
  }

  @Override
  public Params replan(Plan<Params> planned) {
    RolloutSnapshot now = cluster.read(planned.target());
    Deployments.refuseIfPaused(now, planned.service(), planned.environment(), "config-update");
    ServiceConfig.ConfigMapSource cm = configMap(planned);
    Map<String, String> data = Sources.read(cm.source(), "the data of ConfigMap " + cm.name());
    Optional<Map<String, String>> live = cluster.configMap(planned.target(), cm.name());
    return params(cm, data, live, KeyDiff.of(live.orElse(Map.of()), data), now);
  }

  private Params params(
      ServiceConfig.ConfigMapSource cm,
      Map<String, String> data,
      Optional<Map<String, String>> live,
      KeyDiff diff,
      RolloutSnapshot now) {
    return new Params(
        cm.name(),
        cm.source().describe(),
        Fingerprint.ofMap(data),
        live.map(Fingerprint::ofMap).orElse(ABSENT),
        diff.line(),
        clock.instant().truncatedTo(ChronoUnit.SECONDS),
        now.image(),
        now.revision());
  }

  /** What is applied, and what it replaces; the restart time is not part of it. */
  @Override
  public String canonical(Params p) {
    return p.configMap()
        + "\n"
        + p.data()
        + "\n"
        + p.live()
        + "\n"
        + p.image()
        + "\n"
        + p.revision();
  }

  @Override
  public String difference(Params before, Params now) {
    if (!before.data().equals(now.data())) {
      return now.source() + " changed meanwhile (now " + now.diff() + ")";
    }
    if (!before.live().equals(now.live())) {
      return "ConfigMap " + now.configMap() + " changed in the cluster meanwhile";
    }
    return "the deployment changed meanwhile (now revision " + now.revision() + ")";
  }

  @Override
  public void showReplan(OperationRun run, Params now) {
    run.step(DIFF, StepState.DONE, now.diff());
  }

  @Override
  public Change change(Plan<Params> plan, OperationState end) {
    Params p = plan.params();
    String name = "ConfigMap " + p.configMap() + " ";
    return new Change(
        name + (p.live().equals(ABSENT) ? "absent" : Fingerprint.shown(p.live())),
        name + Fingerprint.shown(p.data()));
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    Params p = plan.params();
    String did = "updated ConfigMap " + p.configMap() + " and restarted it";
    if (from.equals(APPLY)) {
      Optional<Map<String, String>> data = checked(run, plan);
      if (data.isEmpty()) {
        return CompletableFuture.completedFuture(OperationState.FAILED);
      }
      return rollouts
          .patch(
              run,
              APPLY,
              data.get().size() + (data.get().size() == 1 ? " key" : " keys"),
              () -> {
                cluster.applyConfigMap(plan.target(), p.configMap(), data.get());
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
    throw new IllegalArgumentException("a config-update does not run from " + from.name());
  }

  /**
   * The data to apply, read again: empty (and the operation stopped) when the file or the live
   * ConfigMap are no longer what the plan was made from. A live map already holding the new data is
   * fine: a resumed apply.
   */
  private Optional<Map<String, String>> checked(OperationRun run, Plan<Params> plan) {
    Params p = plan.params();
    Map<String, String> data;
    try {
      data = configMap(plan).source().read();
    } catch (ServiceConfig.SourceException | UsageException e) {
      run.stop(
          APPLY,
          "cannot read the data (" + p.source() + "): " + e.getMessage() + "; nothing applied");
      return Optional.empty();
    }
    if (!Fingerprint.ofMap(data).equals(p.data())) {
      run.stop(
          APPLY,
          p.source()
              + " changed since the plan was made; nothing applied. Run /config-update again");
      return Optional.empty();
    }
    String live =
        cluster.configMap(plan.target(), p.configMap()).map(Fingerprint::ofMap).orElse(ABSENT);
    if (!live.equals(p.live()) && !live.equals(p.data())) {
      run.stop(
          APPLY,
          "ConfigMap "
              + p.configMap()
              + " changed in the cluster since the plan was made; nothing applied. Run"
              + " /config-update again");
      return Optional.empty();
    }
    return Optional.of(data);
  }

  /** The catalog's source now (a restart may have loaded an edited catalog). */
  private ServiceConfig.ConfigMapSource configMap(Plan<Params> plan) {
    return catalog
        .service(plan.service())
        .flatMap(s -> s.config().configMap(plan.environment()))
        .orElseThrow(
            () ->
                new UsageException(
                    plan.service() + " no longer has a ConfigMap in " + plan.environment(),
                    "the catalog changed; check its config: section"));
  }
}
