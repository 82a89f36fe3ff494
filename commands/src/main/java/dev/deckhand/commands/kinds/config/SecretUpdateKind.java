package dev.deckhand.commands.kinds.config;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.SecretUpdate;
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
import dev.deckhand.commands.model.Target;
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
 * {@code /secret-update}: one key of the service's Secret set to the value its catalog reference
 * holds, then a rolling restart. The value is read from the reference when planning (to fingerprint
 * it) and again when running; it is never shown, stored, audited or logged: the plan holds only
 * fingerprints, and a value that differs at run time from the approved one is refused. Always
 * destructive (the old value is gone), so a protected environment always asks for approval.
 */
public final class SecretUpdateKind
    implements OperationKind<SecretUpdate, SecretUpdateKind.Params> {
  public static final Step COMPARE = Step.of("compare", Step.Resume.PLANNED);
  public static final Step SET = Step.of("set-key", Step.Resume.REPEAT);
  public static final Step RESTART = Step.of("restart", Step.Resume.REPEAT);
  public static final Step ROLLOUT = Step.of("rollout", Step.Resume.REATTACH);

  public static final Registration REGISTRATION =
      new Registration(SecretUpdate.SPEC, SecretUpdateKind::new);

  /**
   * @param secret the Secret's name
   * @param key the key set
   * @param source where the value comes from, as the catalog says ({@code env:NAME})
   * @param before the fingerprint of the live value when planned, empty when there was none
   * @param after the fingerprint of the new value
   * @param at the {@code restartedAt} time of the restart
   * @param image the image running when planned
   * @param revision the revision running then
   */
  public record Params(
      String secret,
      String key,
      String source,
      String before,
      String after,
      Instant at,
      String image,
      long revision) {}

  private final Catalog catalog;
  private final Cluster cluster;
  private final Rollouts rollouts;
  private final Restarts restarts;
  private final Clock clock;

  public SecretUpdateKind(Tools tools) {
    this.catalog = tools.catalog();
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
    this.restarts = new Restarts(tools);
    this.clock = tools.clock();
  }

  @Override
  public String name() {
    return "secret-update";
  }

  @Override
  public Class<SecretUpdate> command() {
    return SecretUpdate.class;
  }

  @Override
  public Map<String, String> write(Params p) {
    Map<String, String> m = new HashMap<>();
    m.put("secret", p.secret());
    m.put("key", p.key());
    m.put("source", p.source());
    m.put("before", p.before());
    m.put("after", p.after());
    m.put("restartAt", p.at().toString());
    m.put("image", p.image());
    m.put("revision", Long.toString(p.revision()));
    return m;
  }

  @Override
  public Params read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("secret-update parameters of version " + version);
    }
    return new Params(
        m.get("secret"),
        m.get("key"),
        m.get("source"),
        m.get("before"),
        m.get("after"),
        Instant.parse(m.get("restartAt")),
        m.get("image"),
        Long.parseLong(m.get("revision")));
  }

  @Override
  public List<Step> steps() {
    return List.of(Deployments.PREFLIGHT, COMPARE, SET, RESTART, ROLLOUT);
  }

  @Override
  public boolean destructive(Params params) {
    return true;
  }

  @Override
  public Proposal<Params> propose(SecretUpdate c) {
    RolloutSnapshot before = cluster.read(c.target());
    String service = c.service().name();
    String env = c.environment().name();
    Deployments.refuseIfPaused(before, service, env, "secret-update");
    Params p = params(c.service().config().secret(), c.key(), c.source(), c.target(), before);
    if (p.before().equals(p.after())) {
      return Proposal.nothingToDo(
          new Reply.Text(
              c.key()
                  + " of Secret "
                  + p.secret()
                  + " in "
                  + env
                  + " already holds the value of "
                  + p.source()
                  + " ("
                  + Fingerprint.shown(p.after())
                  + "); nothing to do."));
    }
    int replicas = before.status().specReplicas();
    return Proposal.of(
        "secret-update " + c.key() + " of " + service,
        p,
        List.of(
            Deployments.preflight(c.target(), before),
            COMPARE.done(
                "compare " + c.key() + " of Secret " + p.secret() + " with " + p.source(),
                KeyDiff.hashedChange(p.key(), p.before(), p.after())),
            SET.pending(
                "set " + c.key() + " in Secret " + c.target().namespace() + "/" + p.secret()),
            RESTART.pending("restart the pods of " + c.target().deployment()),
            ROLLOUT.pending("roll out " + replicas + (replicas == 1 ? " replica" : " replicas"))));
  }

  @Override
  public Params replan(Plan<Params> planned) {
    RolloutSnapshot now = cluster.read(planned.target());
    Deployments.refuseIfPaused(now, planned.service(), planned.environment(), "secret-update");
    Params p = planned.params();
    return params(p.secret(), p.key(), source(planned), planned.target(), now);
  }

  private Params params(
      String secret,
      String key,
      ServiceConfig.Source<String> source,
      Target t,
      RolloutSnapshot now) {
    String after = Fingerprint.of(Sources.read(source, "the new value of " + key));
    String before =
        cluster.secretFingerprints(t, secret).map(m -> m.getOrDefault(key, "")).orElse("");
    return new Params(
        secret,
        key,
        source.describe(),
        before,
        after,
        clock.instant().truncatedTo(ChronoUnit.SECONDS),
        now.image(),
        now.revision());
  }

  /** The value it sets and the one it replaces, as fingerprints; the restart time is not part. */
  @Override
  public String canonical(Params p) {
    return p.secret()
        + "\n"
        + p.key()
        + "\n"
        + p.after()
        + "\n"
        + p.before()
        + "\n"
        + p.image()
        + "\n"
        + p.revision();
  }

  @Override
  public String difference(Params before, Params now) {
    if (!before.after().equals(now.after())) {
      return "the value of " + now.source() + " changed meanwhile";
    }
    if (!before.before().equals(now.before())) {
      return now.key() + " of Secret " + now.secret() + " changed in the cluster meanwhile";
    }
    return "the deployment changed meanwhile (now revision " + now.revision() + ")";
  }

  @Override
  public void showReplan(OperationRun run, Params now) {
    run.step(COMPARE, StepState.DONE, KeyDiff.hashedChange(now.key(), now.before(), now.after()));
  }

  @Override
  public Change change(Plan<Params> plan, OperationState end) {
    Params p = plan.params();
    return new Change(
        p.key() + " " + (p.before().isEmpty() ? "absent" : Fingerprint.shown(p.before())),
        p.key() + " " + Fingerprint.shown(p.after()));
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    Params p = plan.params();
    String did = "updated " + p.key() + " of Secret " + p.secret() + " and restarted it";
    if (from.equals(SET)) {
      Optional<String> value = checked(run, plan);
      if (value.isEmpty()) {
        return CompletableFuture.completedFuture(OperationState.FAILED);
      }
      return rollouts
          .patch(
              run,
              SET,
              Fingerprint.shown(p.after()),
              () -> {
                cluster.setSecretKeys(plan.target(), p.secret(), Map.of(p.key(), value.get()));
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
    throw new IllegalArgumentException("a secret-update does not run from " + from.name());
  }

  /**
   * The value to set, read again: empty (and the operation stopped) when it is not the approved
   * one, or the live key changed meanwhile. A live key already holding it is fine (a resume).
   */
  private Optional<String> checked(OperationRun run, Plan<Params> plan) {
    Params p = plan.params();
    String value;
    try {
      value = source(plan).read();
    } catch (ServiceConfig.SourceException | UsageException e) {
      run.stop(
          SET,
          "cannot read the new value ("
              + p.source()
              + "): "
              + e.getMessage()
              + "; nothing was set");
      return Optional.empty();
    }
    if (!Fingerprint.of(value).equals(p.after())) {
      run.stop(
          SET,
          "the value changed since the plan was approved; run /secret-update "
              + plan.service()
              + " "
              + p.key()
              + " again");
      return Optional.empty();
    }
    String live =
        cluster
            .secretFingerprints(plan.target(), p.secret())
            .map(m -> m.getOrDefault(p.key(), ""))
            .orElse("");
    if (!live.equals(p.before()) && !live.equals(p.after())) {
      run.stop(
          SET,
          p.key()
              + " of Secret "
              + p.secret()
              + " changed in the cluster since the plan was made; nothing was set. Run"
              + " /secret-update again");
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** The catalog's reference now (a restart may have loaded an edited catalog). */
  private ServiceConfig.Source<String> source(Plan<Params> plan) {
    String key = plan.params().key();
    return catalog
        .service(plan.service())
        .map(s -> s.config().secretKeys().get(key))
        .orElseThrow(
            () ->
                new UsageException(
                    key + " is no longer a secret key of " + plan.service(),
                    "the catalog changed; check its secret-keys: section"));
  }
}
