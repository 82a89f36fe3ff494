package dev.deckhand.commands.kinds.config;

import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.ConfigUpdate;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.model.Fingerprint;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /config-update}: the service's ConfigMap regenerated from its source file, then a rolling
 * restart (pods read env vars only at start). The plan holds fingerprints of the new and the live
 * data, never the data: an approval is for exactly that content, and when the file or the live map
 * differ at run time, nothing is applied.
 */
public final class ConfigUpdateKind
    extends RestartAfterChange<ConfigUpdate, ConfigUpdateKind.Params> {
  public static final Step DIFF = Step.of("diff", Step.Resume.PLANNED);
  public static final Step APPLY = Step.of("apply", Step.Resume.REPEAT);

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
      long revision)
      implements Restart {}

  public ConfigUpdateKind(Tools tools) {
    super(tools, DIFF, APPLY);
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
  protected void write(Params p, Map<String, String> m) {
    m.put("configMap", p.configMap());
    m.put("source", p.source());
    m.put("data", p.data());
    m.put("live", p.live());
    m.put("diff", p.diff());
  }

  @Override
  protected Params read(Map<String, String> m, Instant at, String image, long revision) {
    return new Params(
        m.get("configMap"),
        m.get("source"),
        m.get("data"),
        m.get("live"),
        m.get("diff"),
        at,
        image,
        revision);
  }

  @Override
  protected Proposal<Params> propose(ConfigUpdate c, RolloutSnapshot before) {
    String service = c.service().name();
    String env = c.environment().name();
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
    return proposal(
        c,
        before,
        "config-update " + service,
        params(cm, data, live, diff, before),
        DIFF.done(
            "compare ConfigMap " + cm.name() + " with " + cm.source().describe(),
            (live.isEmpty() ? "new ConfigMap; " : "") + diff.line()),
        "apply ConfigMap " + c.target().namespace() + "/" + cm.name());
  }

  @Override
  protected Params replan(Plan<Params> planned, RolloutSnapshot now) {
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
        restartAt(),
        now.image(),
        now.revision());
  }

  /** What is applied, and what it replaces. */
  @Override
  protected String canonicalChange(Params p) {
    return String.join("\n", p.configMap(), p.data(), p.live());
  }

  @Override
  public String difference(Params before, Params now) {
    if (!before.data().equals(now.data())) {
      return now.source() + " changed meanwhile (now " + now.diff() + ")";
    }
    if (!before.live().equals(now.live())) {
      return "ConfigMap " + now.configMap() + " changed in the cluster meanwhile";
    }
    return deploymentChanged(now);
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
  protected String did(Params p) {
    return "updated ConfigMap " + p.configMap() + " and restarted it";
  }

  /**
   * The data to apply, read again: empty (and the operation stopped) when the file or the live
   * ConfigMap are no longer what the plan was made from. A live map already holding the new data is
   * fine: a resumed apply.
   */
  @Override
  protected Optional<Write> checked(OperationRun run, Plan<Params> plan, Step step) {
    Params p = plan.params();
    Optional<Map<String, String>> read =
        reread(
            run,
            step,
            () -> configMap(plan).source().read(),
            why -> "cannot read the data (" + p.source() + "): " + why + "; nothing applied");
    if (read.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> data = read.get();
    if (!Fingerprint.ofMap(data).equals(p.data())) {
      return stopped(
          run,
          step,
          p.source()
              + " changed since the plan was made; nothing applied. Run /config-update again");
    }
    String live =
        cluster.configMap(plan.target(), p.configMap()).map(Fingerprint::ofMap).orElse(ABSENT);
    if (!live.equals(p.live()) && !live.equals(p.data())) {
      return stopped(
          run,
          step,
          "ConfigMap "
              + p.configMap()
              + " changed in the cluster since the plan was made; nothing applied. Run"
              + " /config-update again");
    }
    return Optional.of(
        new Write(
            data.size() + (data.size() == 1 ? " key" : " keys"),
            () -> cluster.applyConfigMap(plan.target(), p.configMap(), data)));
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
