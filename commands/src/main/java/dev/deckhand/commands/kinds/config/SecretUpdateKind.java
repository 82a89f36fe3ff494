package dev.deckhand.commands.kinds.config;

import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.SecretUpdate;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.model.Fingerprint;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /secret-update}: one key of the service's Secret set to the value its catalog reference
 * holds, then a rolling restart. The value is read from the reference when planning (to fingerprint
 * it) and again when running; it is never shown, stored, audited or logged: the plan holds only
 * fingerprints, and a value that differs at run time from the approved one is refused. Always
 * destructive (the old value is gone), so a protected environment always asks for approval.
 */
public final class SecretUpdateKind
    extends RestartAfterChange<SecretUpdate, SecretUpdateKind.Params> {
  public static final Step COMPARE = Step.of("compare", Step.Resume.PLANNED);
  public static final Step SET = Step.of("set-key", Step.Resume.REPEAT);

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
      long revision)
      implements Restart {}

  public SecretUpdateKind(Tools tools) {
    super(tools, COMPARE, SET);
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
  protected void write(Params p, Map<String, String> m) {
    m.put("secret", p.secret());
    m.put("key", p.key());
    m.put("source", p.source());
    m.put("before", p.before());
    m.put("after", p.after());
  }

  @Override
  protected Params read(Map<String, String> m, Instant at, String image, long revision) {
    return new Params(
        m.get("secret"),
        m.get("key"),
        m.get("source"),
        m.get("before"),
        m.get("after"),
        at,
        image,
        revision);
  }

  @Override
  public boolean destructive(Params params) {
    return true;
  }

  @Override
  protected Proposal<Params> propose(SecretUpdate c, RolloutSnapshot before) {
    String env = c.environment().name();
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
    return proposal(
        c,
        before,
        "secret-update " + c.key() + " of " + c.service().name(),
        p,
        COMPARE.done(
            "compare " + c.key() + " of Secret " + p.secret() + " with " + p.source(),
            KeyDiff.hashedChange(p.key(), p.before(), p.after())),
        "set " + c.key() + " in Secret " + c.target().namespace() + "/" + p.secret());
  }

  @Override
  protected Params replan(Plan<Params> planned, RolloutSnapshot now) {
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
    return new Params(
        secret,
        key,
        source.describe(),
        live(t, secret, key),
        after,
        restartAt(),
        now.image(),
        now.revision());
  }

  /** The fingerprint of the key's live value, empty when there is none. */
  private String live(Target t, String secret, String key) {
    return cluster.secretFingerprints(t, secret).map(m -> m.getOrDefault(key, "")).orElse("");
  }

  /** The value it sets and the one it replaces, as fingerprints. */
  @Override
  protected String canonicalChange(Params p) {
    return String.join("\n", p.secret(), p.key(), p.after(), p.before());
  }

  @Override
  public String difference(Params before, Params now) {
    if (!before.after().equals(now.after())) {
      return "the value of " + now.source() + " changed meanwhile";
    }
    if (!before.before().equals(now.before())) {
      return now.key() + " of Secret " + now.secret() + " changed in the cluster meanwhile";
    }
    return deploymentChanged(now);
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
  protected String did(Params p) {
    return "updated " + p.key() + " of Secret " + p.secret() + " and restarted it";
  }

  /**
   * The value to set, read again: empty (and the operation stopped) when it is not the approved
   * one, or the live key changed meanwhile. A live key already holding it is fine (a resume).
   */
  @Override
  protected Optional<Write> checked(OperationRun run, Plan<Params> plan, Step step) {
    Params p = plan.params();
    Optional<String> read =
        reread(
            run,
            step,
            () -> source(plan).read(),
            why -> "cannot read the new value (" + p.source() + "): " + why + "; nothing was set");
    if (read.isEmpty()) {
      return Optional.empty();
    }
    String value = read.get();
    if (!Fingerprint.of(value).equals(p.after())) {
      return stopped(
          run,
          step,
          "the value changed since the plan was approved; run /secret-update "
              + plan.service()
              + " "
              + p.key()
              + " again");
    }
    String live = live(plan.target(), p.secret(), p.key());
    if (!live.equals(p.before()) && !live.equals(p.after())) {
      return stopped(
          run,
          step,
          p.key()
              + " of Secret "
              + p.secret()
              + " changed in the cluster since the plan was made; nothing was set. Run"
              + " /secret-update again");
    }
    return Optional.of(
        new Write(
            Fingerprint.shown(p.after()),
            () -> cluster.setSecretKeys(plan.target(), p.secret(), Map.of(p.key(), value))));
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
