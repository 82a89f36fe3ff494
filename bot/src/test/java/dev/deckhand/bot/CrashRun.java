package dev.deckhand.bot;

import static org.awaitility.Awaitility.await;

import dev.deckhand.commands.chat.Invocation;
import dev.deckhand.commands.chat.Reaction;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.LockStore;
import dev.deckhand.commands.ports.Timeline;
import dev.deckhand.store.AuditVerifier;
import dev.deckhand.store.Stores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One run of a scenario with the fuse armed at one write: drives it as people would (alice types
 * the deploy; where it needs approval, bob reacts ✅ once the request is open, and types {@code
 * /approve} once more if the request is still open after that), restarts the process once if the
 * fuse killed it, then judges the world it left.
 */
final class CrashRun implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** Something the run left wrong; {@code kind} groups them in the report. */
  record Problem(String kind, String detail) {
    @Override
    public String toString() {
      return kind + ": " + detail;
    }
  }

  private final CrashWorld world;
  private final CrashScenario scenario;
  private final Fuse fuse;
  private final AutoCluster cluster;
  private final MemoryChat chat = new MemoryChat();
  private final List<Problem> problems = new ArrayList<>();
  private Engine engine;
  private boolean restarted;
  private int deliveries;

  CrashRun(CrashWorld world, CrashScenario scenario, Fuse fuse) {
    this.world = world;
    this.scenario = scenario;
    this.fuse = fuse;
    world.reset();
    this.cluster = world.cluster();
    cluster.onChange(fuse::clusterChanges);
  }

  Fuse fuse() {
    return fuse;
  }

  /** Runs the scenario to its end; then {@link #judge}. */
  CrashRun drive() {
    engine = world.fusedEngine(cluster, chat, fuse);
    engine.resume(); // as the bot does at every start: commands are held until then
    submit(CrashWorld.ALICE, scenario.command());
    settle();
    if (scenario.approval()) {
      approveIfPending(true);
      approveIfPending(false);
    }
    return this;
  }

  /**
   * What is wrong with the world the run left.
   *
   * @param mayBeRefused whether a refusal is acceptable: the command failed or was lost before
   *     anything was stored or changed, the operation absent or failed and the cluster untouched
   */
  List<Problem> judge(boolean mayBeRefused) {
    Stores stores = world.stores();
    List<Long> ids = world.operationIds();
    if (ids.size() > 1) {
      problem("operations", "one deploy made " + ids.size() + " operations " + ids);
    }
    Optional<OperationRecord> op =
        ids.isEmpty() ? Optional.empty() : stores.operations().find(ids.get(0));
    String image = cluster.image(world.target(scenario.environment()));
    boolean untouched = cluster.setImages().isEmpty() && cluster.undos().isEmpty();
    String expectedImage = CrashWorld.pinned(scenario.expectedTag());
    if (op.isPresent() && op.get().state() == scenario.expected()) {
      if (!image.equals(expectedImage)) {
        problem(
            "cluster image",
            "op "
                + op.get().id()
                + " "
                + scenario.expected().word()
                + " but the cluster runs "
                + tag(image)
                + ", not "
                + scenario.expectedTag());
      }
      List<Timeline.Entry> entries =
          stores.timeline().recent("gateway", scenario.environment(), 20).stream()
              .filter(e -> e.operationId() == op.get().id())
              .toList();
      if (entries.size() != 1 || !entries.get(0).result().equals(scenario.expected().word())) {
        problem(
            "timeline",
            "op "
                + op.get().id()
                + " has "
                + entries.size()
                + " timeline entries "
                + entries.stream().map(Timeline.Entry::result).toList()
                + ", expected one "
                + scenario.expected().word());
      }
    } else if (!(mayBeRefused
        && untouched
        && (op.isEmpty() || op.get().state() == OperationState.FAILED))) {
      problem(
          "final state",
          (op.isEmpty() ? "no operation was stored" : describe(op.get()))
              + ", expected "
              + scenario.expected().word()
              + (mayBeRefused ? " (or refused, cluster untouched)" : "")
              + "; cluster runs "
              + tag(image)
              + " after "
              + cluster.setImages().size()
              + " set-image(s) and "
              + cluster.undos().size()
              + " undo(s)");
    }
    if (!scenario.rollsBack() && !cluster.undos().isEmpty()) {
      problem("healthy deploy rolled back", cluster.undos().size() + " undo(s)");
    }
    if (scenario.rollsBack() && cluster.undos().size() > 1) {
      problem("rolled back twice", cluster.undos().size() + " undos");
    }
    List<OperationRecord> unfinished = stores.operations().unfinished();
    if (!unfinished.isEmpty()) {
      problem(
          "left unfinished",
          unfinished.stream().map(CrashRun::describe).collect(Collectors.joining("; ")));
    }
    List<LockStore.Lock> locks = stores.locks().all();
    if (!locks.isEmpty()) {
      problem(
          "lock left",
          locks.stream()
              .map(
                  l ->
                      l.service()
                          + " in "
                          + l.environment()
                          + (l.operationId() > 0 ? " held by op " + l.operationId() : " (manual)"))
              .collect(Collectors.joining("; ")));
    }
    AuditVerifier.Result audit = stores.auditVerifier().verify();
    audit
        .problem()
        .ifPresent(
            p -> problem("audit chain", p.kind() + " at row " + p.seq() + ": " + p.message()));
    return List.copyOf(problems);
  }

  List<String> transcript() {
    return chat.transcript();
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private void approveIfPending(boolean byReaction) {
    Optional<Long> op = world.operationIds().stream().findFirst();
    if (op.isEmpty()) {
      return;
    }
    Optional<ApprovalStore.Request> request =
        world.stores().approvals().forOperation(op.get()).filter(r -> r.state().equals("pending"));
    boolean waiting =
        world
            .stores()
            .operations()
            .find(op.get())
            .map(o -> o.state() == OperationState.PENDING_APPROVAL)
            .orElse(false);
    if (!waiting || request.isEmpty()) {
      return;
    }
    if (byReaction) {
      engine
          .dispatcher()
          .react(
              new Reaction(
                  CrashWorld.BOB,
                  MemoryChat.ID,
                  request.get().messageId(),
                  "✅",
                  true,
                  "reaction-" + ++deliveries));
    } else {
      submit(CrashWorld.BOB, "/approve " + op.get());
    }
    settle();
  }

  private void submit(Actor actor, String text) {
    engine
        .dispatcher()
        .submit(new Invocation(actor, MemoryChat.ID, text, "delivery-" + ++deliveries), chat);
  }

  /**
   * Waits until the engine has nothing left to do or the fuse killed it; a killed process is
   * replaced once by a fresh engine on the same store, cluster and chat, which resumes.
   */
  private void settle() {
    if (!awaitQuiet(() -> (!restarted && fuse.dead()) || idle(engine))) {
      return;
    }
    if (fuse.dead() && !restarted) {
      engine.close();
      restarted = true;
      engine = world.engine(cluster, chat);
      engine.resume();
      awaitQuiet(() -> idle(engine));
    }
  }

  private boolean awaitQuiet(java.util.concurrent.Callable<Boolean> quiet) {
    try {
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(5)).until(quiet);
      return true;
    } catch (ConditionTimeoutException e) {
      problem("hung", "the engine was still busy after " + PATIENCE.toSeconds() + " s");
      return false;
    }
  }

  private static boolean idle(Engine e) throws InterruptedException {
    return e.awaitIdle(Duration.ofMillis(1));
  }

  private void problem(String kind, String detail) {
    problems.add(new Problem(kind, detail));
  }

  private static String describe(OperationRecord o) {
    return "op "
        + o.id()
        + " is "
        + o.state().word()
        + " ["
        + o.steps().stream()
            .map(s -> s.name() + "=" + s.state().word())
            .collect(Collectors.joining(" "))
        + "]";
  }

  private static String tag(String image) {
    return ImageRef.parse(image).tag();
  }
}
