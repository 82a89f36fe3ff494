package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.chat.Redactor;
import dev.deckhand.commands.command.Approve;
import dev.deckhand.commands.command.Audit;
import dev.deckhand.commands.command.Cancel;
import dev.deckhand.commands.command.Describe;
import dev.deckhand.commands.command.Events;
import dev.deckhand.commands.command.Freeze;
import dev.deckhand.commands.command.Help;
import dev.deckhand.commands.command.History;
import dev.deckhand.commands.command.Lock;
import dev.deckhand.commands.command.Logs;
import dev.deckhand.commands.command.OperationCommand;
import dev.deckhand.commands.command.Reject;
import dev.deckhand.commands.command.Status;
import dev.deckhand.commands.command.Unfreeze;
import dev.deckhand.commands.command.Unlock;
import dev.deckhand.commands.command.Verify;
import dev.deckhand.commands.command.WhoAmI;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.config.ConfigUpdateKind;
import dev.deckhand.commands.kinds.config.SecretUpdateKind;
import dev.deckhand.commands.kinds.deploy.DeployKind;
import dev.deckhand.commands.kinds.migrate.MigrateKind;
import dev.deckhand.commands.kinds.pause.PauseKind;
import dev.deckhand.commands.kinds.restart.RestartKind;
import dev.deckhand.commands.kinds.rollback.RollbackKind;
import dev.deckhand.commands.kinds.scale.ScaleKind;
import dev.deckhand.commands.kinds.sql.SqlKind;
import dev.deckhand.commands.kinds.sql.SqlMigrateKind;
import dev.deckhand.commands.live.LiveMessages;
import dev.deckhand.commands.parse.CommandParser;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.policy.Freezes;
import dev.deckhand.commands.policy.Permissions;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.BoardStore;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.Conversations;
import dev.deckhand.commands.ports.DeliveryLog;
import dev.deckhand.commands.ports.FreezeStore;
import dev.deckhand.commands.ports.HealthProbe;
import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.LockStore;
import dev.deckhand.commands.ports.Memberships;
import dev.deckhand.commands.ports.OperationStore;
import dev.deckhand.commands.ports.Timeline;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core wired together: the command table, the parser, the policy, the handlers and the
 * dispatcher, on a bounded worker pool and one scheduler. Chat adapters hand invocations and
 * reactions to {@link #dispatcher()}; {@link #resume()} picks up what a previous run left, and only
 * then does the dispatcher run what it was handed.
 */
public final class Engine implements AutoCloseable {
  /**
   * Every operation kind: the one registration a new kind needs (its command's grammar joins {@link
   * #COMMANDS}, its handler and its runs the engine). The order is /help's.
   */
  public static final List<OperationKind.Registration> KINDS =
      List.of(
          DeployKind.REGISTRATION,
          MigrateKind.REGISTRATION,
          RollbackKind.REGISTRATION,
          RestartKind.REGISTRATION,
          ScaleKind.REGISTRATION,
          PauseKind.PAUSING,
          PauseKind.RESUMING,
          ConfigUpdateKind.REGISTRATION,
          SecretUpdateKind.REGISTRATION,
          SqlKind.REGISTRATION,
          SqlMigrateKind.REGISTRATION,
          dev.deckhand.commands.kinds.release.DeployAllKind.REGISTRATION,
          dev.deckhand.commands.kinds.release.RollbackAllKind.REGISTRATION,
          dev.deckhand.commands.kinds.apply.ApplyKind.REGISTRATION,
          dev.deckhand.commands.kinds.promote.PromoteKind.REGISTRATION,
          dev.deckhand.commands.kinds.build.BuildKind.REGISTRATION,
          dev.deckhand.commands.kinds.bluegreen.BlueGreenKind.REGISTRATION,
          dev.deckhand.commands.kinds.canary.CanaryKind.REGISTRATION,
          dev.deckhand.commands.kinds.bluegreen.SwitchBackKind.REGISTRATION,
          dev.deckhand.commands.kinds.bluegreen.FinishKind.REGISTRATION);

  /** Every command, in the order /help lists them: the kinds' first. */
  public static final List<CommandSpec> COMMANDS =
      Stream.concat(
              // a blue-green deploy is built by /deploy's grammar: list it once
              KINDS.stream().map(OperationKind.Registration::spec).distinct(),
              Stream.of(
                  Status.SPEC,
                  History.SPEC,
                  dev.deckhand.commands.command.Images.SPEC,
                  Logs.SPEC,
                  Events.SPEC,
                  Describe.SPEC,
                  Verify.SPEC,
                  Approve.SPEC,
                  Reject.SPEC,
                  Cancel.SPEC,
                  Lock.SPEC,
                  Unlock.SPEC,
                  Freeze.SPEC,
                  Unfreeze.SPEC,
                  Audit.SPEC,
                  Help.SPEC,
                  WhoAmI.SPEC))
          .toList();

  /**
   * The world the engine acts on.
   *
   * @param sqlLedger {@link dev.deckhand.commands.ports.SqlLedger#NONE} for none ({@code
   *     /sql-migrate} then refuses to run)
   * @param webhooks {@link dev.deckhand.commands.ports.WebhookClient#NONE} for none (a post-deploy
   *     hook then fails, saying so)
   * @param builds {@link dev.deckhand.commands.ports.Builds#NONE} for none ({@code /build} is then
   *     refused, saying how to configure an engine)
   * @param metrics {@link dev.deckhand.commands.ports.Metrics#NONE} for none (a canary's metric
   *     gates are then refused, saying how to configure a source)
   */
  public record Ports(
      Cluster cluster,
      ImageRegistry registry,
      HealthProbe health,
      OperationStore operations,
      Timeline timeline,
      AuditLog audit,
      ApprovalStore approvals,
      LockStore locks,
      FreezeStore freezes,
      DeliveryLog deliveries,
      BoardStore boards,
      Conversations conversations,
      dev.deckhand.commands.ports.SqlLedger sqlLedger,
      dev.deckhand.commands.ports.WebhookClient webhooks,
      dev.deckhand.commands.ports.Builds builds,
      dev.deckhand.commands.ports.Metrics metrics) {}

  /**
   * Tunables.
   *
   * @param workers worker threads for blocking calls (patches, registry, chat posts)
   * @param queue how many tasks may wait for a worker before new commands are refused
   * @param rolloutBound the longest Deckhand waits for one rollout
   * @param healthPause the pause between two attempts of a health check
   * @param jobPoll how often a migration Job's state and log are read while it runs
   */
  public record Settings(
      int workers, int queue, Duration rolloutBound, Duration healthPause, Duration jobPoll) {
    /** Settings that read a migration Job every two seconds. */
    public Settings(int workers, int queue, Duration rolloutBound, Duration healthPause) {
      this(workers, queue, rolloutBound, healthPause, Duration.ofSeconds(2));
    }

    /**
     * Four workers: a worker only makes one blocking call at a time (a patch, a registry or health
     * request, a chat post); rollout waits, health-check pauses and edit spacing hold no thread, so
     * more workers would mostly sit idle, each with its stack.
     */
    public static Settings defaults() {
      return new Settings(4, 512, Duration.ofMinutes(15), Duration.ofSeconds(1));
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  /** Threads posting the outbox's messages. */
  private static final int CHAT_THREADS = 2;

  private final ThreadPoolExecutor pool;
  private final ScheduledExecutorService scheduler;
  private final ThreadPoolExecutor chat;
  private final Dispatcher dispatcher;
  private final OperationRuns runs;
  private final Resumer resumer;
  private final LiveMessages messages;
  private final Conversations conversations;

  /** An engine whose roles list user ids only. */
  public Engine(Catalog catalog, Ports ports, Settings settings, Clock clock) {
    this(catalog, ports, settings, clock, Memberships.IDS);
  }

  /**
   * An engine whose roles may list groups too.
   *
   * @param memberships tells whether a role's member entry (a user or a group id) names a user
   */
  public Engine(
      Catalog catalog, Ports ports, Settings settings, Clock clock, Memberships memberships) {
    this(catalog, ports, settings, clock, memberships, Redactor.SHAPES_ONLY);
  }

  /**
   * An engine whose roles may list groups, and whose replies pass through {@code redactor} before
   * any chat adapter sees them.
   *
   * @param memberships tells whether a role's member entry (a user or a group id) names a user
   * @param redactor masks the configured secrets and secret shapes in every outgoing reply and in
   *     every text the engine stores
   */
  public Engine(
      Catalog catalog,
      Ports ports,
      Settings settings,
      Clock clock,
      Memberships memberships,
      Redactor redactor) {
    ports = RedactingStores.around(ports, redactor); // nothing typed is stored unredacted
    AtomicInteger n = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            settings.workers(),
            settings.workers(),
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(settings.queue()),
            r -> daemon(r, "deckhand-worker-" + n.incrementAndGet()));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "deckhand-timer"));
    this.chat = chatPool();
    this.messages =
        new LiveMessages(scheduler, pool, LiveMessages.BOARD_FROM, ports.boards(), chat);
    Conversations chats = ports.conversations();
    this.conversations = id -> chats.find(id).map(redactor::around);
    this.runs = new OperationRuns(ports.operations(), messages, clock, catalog.people());
    CrashLogs crashes = new CrashLogs();
    Rollouts rollouts =
        new Rollouts(
            ports.cluster(),
            new RolloutWaiter(ports.cluster(), scheduler),
            pool,
            settings.rolloutBound(),
            crashes,
            clock);
    Permissions permissions = new Permissions(catalog, memberships);
    ServiceLocks locks = new ServiceLocks(ports.locks(), UUID.randomUUID().toString(), clock);
    Recorder recorder = new Recorder(ports.operations(), catalog, clock);
    Verifier verifier = new Verifier(ports.health(), pool, settings.healthPause());
    Migrations migrations =
        new Migrations(ports.cluster(), pool, scheduler, settings.jobPoll(), System::nanoTime);
    Tools tools =
        new Tools(
            catalog,
            ports.cluster(),
            ports.registry(),
            rollouts,
            verifier,
            migrations,
            clock,
            ports.sqlLedger(),
            new HookRunner(ports.webhooks(), pool, settings.healthPause()),
            ports.timeline(),
            ports.builds(),
            ports.metrics(),
            ports.locks());
    Kinds kinds =
        new Kinds(KINDS.stream().<OperationKind<?, ?>>map(k -> k.factory().apply(tools)).toList());
    Freezes freezes = new Freezes(ports.freezes());
    Approvals approvals =
        new Approvals(
            ports.approvals(),
            permissions,
            new QuorumPolicy(catalog, permissions, freezes, locks, clock, kinds),
            catalog,
            runs,
            kinds,
            recorder,
            ports.audit(),
            scheduler,
            pool,
            clock);
    Gate gate =
        new Gate(locks, freezes, permissions, runs, approvals, recorder, ports.audit(), clock);
    Handlers handlers = new Handlers();
    kinds.all().forEach(k -> register(handlers, k, gate));
    handlers
        .register(Status.class, new StatusHandler(catalog, ports.cluster()))
        .register(History.class, new HistoryHandler(ports.cluster(), ports.timeline()))
        .register(
            dev.deckhand.commands.command.Images.class,
            new ImagesHandler(catalog, ports.cluster(), ports.registry(), permissions, clock))
        .register(Logs.class, LookHandlers.logs(ports.cluster(), crashes, redactor))
        .register(Events.class, LookHandlers.events(ports.cluster(), clock))
        .register(Describe.class, LookHandlers.describe(ports.cluster()))
        .register(Verify.class, LookHandlers.verify(verifier, ports.cluster()))
        .register(Approve.class, ApprovalHandlers.approve(approvals))
        .register(Reject.class, ApprovalHandlers.reject(approvals))
        .register(Cancel.class, ApprovalHandlers.cancel(approvals))
        .register(Lock.class, ControlHandlers.lock(locks, ports.audit()))
        .register(Unlock.class, ControlHandlers.unlock(locks, runs, ports.audit()))
        .register(Freeze.class, ControlHandlers.freeze(ports.freezes(), ports.audit(), clock))
        .register(Unfreeze.class, ControlHandlers.unfreeze(ports.freezes(), ports.audit()))
        .register(Audit.class, ControlHandlers.audit(ports.audit()))
        .register(Help.class, new HelpHandler(COMMANDS))
        .register(WhoAmI.class, new WhoAmIHandler(permissions));
    this.dispatcher =
        new Dispatcher(
            new CommandParser(COMMANDS, catalog),
            handlers,
            ports.audit(),
            ports.deliveries(),
            permissions,
            ports.approvals(),
            approvals,
            pool,
            redactor,
            messages.outbox());
    this.resumer =
        new Resumer(
            ports.operations(),
            ports.approvals(),
            conversations,
            runs,
            kinds,
            approvals,
            recorder,
            locks,
            ports.locks());
  }

  /**
   * Picks up the operations a previous run left unfinished (pending approvals, rollouts in flight).
   * Call once the chat adapters are connected, so their conversations can be found. Until it has
   * returned, the {@link #dispatcher()} holds what the adapters hand it (a vote on a request not
   * yet picked up would be lost) and then runs it in order; an engine that is never resumed never
   * runs a command.
   *
   * @return how many were picked up
   */
  public int resume() {
    try {
      int boards = messages.closeLeftBehind(conversations);
      if (boards > 0) {
        log.info("closed {} board(s) a previous process left open", boards);
      }
      return resumer.resumeAll();
    } finally {
      dispatcher.resumed();
    }
  }

  public Dispatcher dispatcher() {
    return dispatcher;
  }

  /**
   * The engine's timer: one thread on which nothing blocks (it only times work and hands it to the
   * workers). A chat adapter whose SDK wants a scheduler for short timing tasks may share it rather
   * than start threads of its own; it must not shut it down: it stops when the engine closes.
   */
  public ScheduledExecutorService timer() {
    return scheduler;
  }

  public OperationRuns runs() {
    return runs;
  }

  /**
   * Waits up to {@code bound} for every running operation and every queued command to end; true if
   * everything ended.
   */
  public boolean awaitIdle(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      long left = deadline - System.nanoTime();
      if (!runs.awaitIdle(Duration.ofNanos(Math.max(1, left)))) {
        return false;
      }
      if (dispatcher.inFlight() == 0 && runs.runningCount() == 0) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return false;
  }

  @Override
  public void close() {
    pool.shutdownNow();
    chat.shutdownNow();
    scheduler.shutdownNow();
  }

  private static <C extends OperationCommand, P> void register(
      Handlers handlers, OperationKind<C, P> kind, Gate gate) {
    handlers.register(kind.command(), new KindHandler<>(kind, gate));
  }

  /**
   * The outbox's posts (thread details, answers, "Deckhand is busy"): apart from the workers, so
   * that they go out while every worker is busy. Two threads, started only while there is work; the
   * queue holds at most one task per conversation (the outbox offers one post at a time of each).
   */
  private static ThreadPoolExecutor chatPool() {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor chat =
        new ThreadPoolExecutor(
            CHAT_THREADS,
            CHAT_THREADS,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> daemon(r, "deckhand-chat-" + n.incrementAndGet()));
    chat.allowCoreThreadTimeOut(true);
    return chat;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
