package dev.deckhand.commands.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.TestCatalogs;
import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.chat.Invocation;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.live.InMemoryBoards;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The real {@link Engine} over fakes of every port: the CoachPilot test catalog, gateway running
 * {@link #RUNNING_TAG} at revision 2 (after {@link #PREVIOUS_TAG}) with 3 replicas in staging and
 * prod, a registry with a few tags, one health check. Build with {@link #builder()}; close after.
 */
final class EngineFixture implements AutoCloseable {
  static final Actor ALICE = new Actor("console", "alice", "Alice");
  static final Actor BOB = new Actor("console", "bob", "Bob");
  static final Actor CAROL = new Actor("console", "carol", "Carol");
  static final Actor DAVE = new Actor("console", "dave", "Dave");
  static final String IMAGE = "synergygroup/coachpilot-gateway";
  static final Target STAGING =
      new Target("staging", "coachpilot", "coachpilot-gateway", "gateway");
  static final Target PROD = new Target("prod", "coachpilot", "coachpilot-gateway", "gateway");
  static final String PREVIOUS_TAG = "p10e-mmc-20260420-c3-login";
  static final String RUNNING_TAG = "p10e-mmc-20260501-base";
  static final String NEW_TAG = "p10e-mmc-20260519-d4-webhooks";
  static final URI HEALTH = URI.create("http://gateway.staging.test/healthz");

  final FakeCluster cluster;
  final FakeRegistry registry;
  final FakeProbe probe;
  final RecordingConversation chat;
  final InMemoryPolicyStore policy;
  final InMemoryStore store;
  final InMemoryBoards boards;
  final InMemorySqlLedger sqlLedger;
  final FakeWebhooks webhooks;
  final FakeBuilds fakeBuilds;

  /** Every delivery id the dispatcher checked for repeats, in order. */
  final java.util.Queue<String> seenDeliveries = new java.util.concurrent.ConcurrentLinkedQueue<>();

  private final Deduplicator deduplicator = new Deduplicator(1000);
  final Engine engine;
  private final AtomicInteger deliveries = new AtomicInteger();

  private EngineFixture(Builder b) {
    EngineFixture before = b.restartOf;
    cluster = before == null ? new FakeCluster() : before.cluster;
    registry = before == null ? new FakeRegistry() : before.registry;
    probe = before == null ? new FakeProbe() : before.probe;
    chat = before == null ? new RecordingConversation() : before.chat;
    policy = before == null ? new InMemoryPolicyStore() : before.policy;
    store = before == null ? new InMemoryStore(policy) : before.store;
    boards = before == null ? new InMemoryBoards() : before.boards;
    sqlLedger = before == null ? new InMemorySqlLedger() : before.sqlLedger;
    webhooks = before == null ? new FakeWebhooks() : before.webhooks;
    fakeBuilds = before == null ? new FakeBuilds(registry) : before.fakeBuilds;
    if (before == null) {
      registry.push(
          IMAGE,
          PREVIOUS_TAG,
          RUNNING_TAG,
          NEW_TAG,
          "p10e-mmc-20260520-e1-quiz",
          "p10e-mmc-20260520-e2-fix");
      for (Target t : List.of(STAGING, PROD)) {
        cluster.deployment(t, 3, pinned(PREVIOUS_TAG), pinned(RUNNING_TAG));
      }
    }
    engine =
        new Engine(
            catalog(b),
            new Engine.Ports(
                cluster,
                registry,
                probe,
                store,
                store,
                store,
                policy,
                policy,
                policy,
                key -> {
                  seenDeliveries.add(key);
                  return deduplicator.firstTime(key);
                },
                boards,
                id ->
                    java.util.Optional.<dev.deckhand.commands.chat.Conversation>of(chat)
                        .filter(c -> c.id().equals(id)),
                sqlLedger,
                webhooks,
                b.noEngine ? dev.deckhand.commands.ports.Builds.NONE : fakeBuilds.ports(),
                b.metrics),
            new Engine.Settings(
                b.workers, b.queue, b.rolloutBound, Duration.ofMillis(10), Duration.ofMillis(10)),
            Clock.fixed(Instant.parse("2026-05-19T10:00:00Z"), ZoneOffset.UTC),
            b.memberships);
    if (b.resumed) {
      // As at a start: nothing to pick up yet; the dispatcher runs what it is handed from now on.
      engine.resume();
    }
  }

  static Builder builder() {
    return new Builder();
  }

  static String pinned(String tag) {
    return FakeRegistry.pinned(IMAGE, tag);
  }

  /** Awaitility, polling often: the fakes answer in milliseconds. */
  static ConditionFactory eventually() {
    return Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5));
  }

  /** Submits as Alice with a fresh delivery id. */
  void submit(String text) {
    submit(text, "delivery-" + deliveries.incrementAndGet());
  }

  void submit(String text, String deliveryId) {
    submitAs(ALICE, text, deliveryId);
  }

  void submitAs(Actor actor, String text, String deliveryId) {
    engine.dispatcher().submit(new Invocation(actor, chat.id(), text, deliveryId), chat);
  }

  /** A reaction on the newest live message, with a fresh delivery id. */
  void react(Actor actor, String emoji, boolean added) {
    List<RecordingConversation.Posted> live =
        chat.posts().stream().filter(p -> p.reply() instanceof Reply.Operation).toList();
    String message = live.get(live.size() - 1).ref().id();
    engine
        .dispatcher()
        .react(
            new dev.deckhand.commands.chat.Reaction(
                actor,
                chat.id(),
                message,
                emoji,
                added,
                "reaction-" + deliveries.incrementAndGet()));
  }

  /** Waits for the first answer of that kind and returns it. */
  <T extends Reply> T awaitAnswer(Class<T> type) {
    return type.cast(
        eventually()
            .until(
                () -> chat.answers().stream().filter(type::isInstance).findFirst().orElse(null),
                r -> r != null));
  }

  /** Waits until the deploy's set-image happened and its rollout is being watched. */
  FakeCluster.SetImage awaitSetImage() {
    eventually().until(() -> cluster.setImages().size() == 1 && cluster.watchers(STAGING) == 1);
    return cluster.setImages().get(0);
  }

  /** Waits until an undo happened and its rollout is being watched. */
  FakeCluster.Undo awaitUndo() {
    eventually().until(() -> cluster.undos().size() == 1 && cluster.watchers(STAGING) == 1);
    return cluster.undos().get(0);
  }

  /** Waits until the live message shows a final state and the engine is idle; the one op. */
  OperationRecord awaitFinished() throws InterruptedException {
    eventually().until(() -> chat.shown() != null && chat.shown().state().isFinal());
    assertThat(engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
    return store.only();
  }

  static StepRecord step(OperationRecord op, String name) {
    return op.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  static StepState stepState(OperationRecord op, String name) {
    return step(op, name).state();
  }

  @Override
  public void close() {
    engine.close();
  }

  private static Catalog catalog(Builder b) {
    Catalog base = TestCatalogs.coachpilot();
    Map<String, EnvironmentSpec> envs = new LinkedHashMap<>(base.environments());
    envs.put(
        "staging", new EnvironmentSpec("staging", "staging", false, b.autoRollback, List.of()));
    envs.put(
        "prod",
        new EnvironmentSpec(
            "prod",
            "prod",
            true,
            true,
            b.prodChannels,
            b.prodApprovals,
            List.of(),
            true,
            b.prodZone));
    ServiceSpec gw = base.services().get("gateway");
    Map<String, List<HealthCheck>> checks =
        b.healthAttempts == 0
            ? Map.of()
            : Map.of(
                "staging",
                List.of(
                    new HealthCheck(
                        HEALTH, 200, Duration.ofSeconds(1), b.healthAttempts, Map.of())));
    Map<String, ServiceSpec> services = new LinkedHashMap<>(base.services());
    services.put(
        "gateway",
        ServiceSpec.builder(gw.name(), gw.image())
            .aliases(gw.aliases())
            .tagPattern(gw.tagPattern())
            .targets(gw.targets())
            .verify(checks)
            .migration(b.migration)
            .hooks(b.hooks)
            .buildSpec(b.build)
            .config(b.gatewayConfig.config())
            .sqlMigration(
                b.sqlDir == null
                    ? null
                    : new dev.deckhand.commands.catalog.SqlMigration(DATABASE, b.sqlDir))
            .build());
    Map<String, dev.deckhand.commands.catalog.RoleSpec> roles = new LinkedHashMap<>(base.roles());
    b.extraRoles.forEach(r -> roles.put(r.name(), r));
    return b.edit.apply(
        Catalog.builder()
            .clusters(base.clusters())
            .environments(envs)
            .defaultEnvironment(base.defaultEnvironment())
            .roles(roles)
            .registries(base.registries())
            .services(services)
            .people(b.people)
            .open(b.open)
            .databases(Map.of(DATABASE, database()))
            .bundles(b.bundleDir == null ? Map.of() : Map.of(BUNDLE, bundle(b.bundleDir)))
            .build());
  }

  /** The bundle of {@code /apply} tests, in namespace coachpilot of both environments. */
  static final String BUNDLE = "edge";

  static final Target BUNDLE_STAGING = new Target("staging", "coachpilot", BUNDLE, BUNDLE);
  static final Target BUNDLE_PROD = new Target("prod", "coachpilot", BUNDLE, BUNDLE);

  static dev.deckhand.commands.catalog.BundleSpec bundle(java.nio.file.Path dir) {
    Map<String, Target> at = new LinkedHashMap<>();
    at.put("staging", BUNDLE_STAGING);
    at.put("prod", BUNDLE_PROD);
    return new dev.deckhand.commands.catalog.BundleSpec(BUNDLE, dir, at);
  }

  /** The database of {@code /sql} tests: CoachPilot's postgres, a StatefulSet in both envs. */
  static final String DATABASE = "coachpilot";

  static final Target DB_STAGING = new Target("staging", "coachpilot", "postgres", "postgres");
  static final Target DB_PROD = new Target("prod", "coachpilot", "postgres", "postgres");

  static dev.deckhand.commands.catalog.DatabaseSpec database() {
    var pod =
        new dev.deckhand.commands.exec.PodSelector(
            dev.deckhand.commands.exec.PodSelector.Kind.STATEFULSET, "postgres");
    Map<String, dev.deckhand.commands.catalog.DatabaseSpec.Location> at = new LinkedHashMap<>();
    at.put("staging", new dev.deckhand.commands.catalog.DatabaseSpec.Location(DB_STAGING, pod));
    at.put("prod", new dev.deckhand.commands.catalog.DatabaseSpec.Location(DB_PROD, pod));
    return new dev.deckhand.commands.catalog.DatabaseSpec(
        DATABASE, at, "postgres", "coachpilot", "coachpilot");
  }

  /** Defaults: auto-rollback on, one check of 2 attempts, a 2 s rollout bound, 4 workers. */
  static final class Builder {
    private boolean autoRollback = true;
    private dev.deckhand.commands.catalog.MigrationJob migration;
    private List<dev.deckhand.commands.catalog.Hook> hooks = List.of();
    private boolean resumed = true;
    private int healthAttempts = 2;
    private Duration rolloutBound = Duration.ofSeconds(2);
    private int workers = 4;
    private int queue = 64;
    private EngineFixture restartOf;
    private List<String> prodChannels = List.of(RecordingConversation.ID);
    private dev.deckhand.commands.catalog.People people = dev.deckhand.commands.catalog.People.NONE;
    private boolean open;
    private java.nio.file.Path sqlDir;
    private java.nio.file.Path bundleDir;
    private java.time.ZoneId prodZone = java.time.ZoneId.of("UTC");
    private final List<dev.deckhand.commands.catalog.RoleSpec> extraRoles =
        new java.util.ArrayList<>();
    private dev.deckhand.commands.ports.Memberships memberships =
        dev.deckhand.commands.ports.Memberships.IDS;
    private dev.deckhand.commands.catalog.ApprovalPolicy prodApprovals =
        new dev.deckhand.commands.catalog.ApprovalPolicy(
            1, "release-managers", Duration.ofMinutes(30), java.util.Set.of());

    private dev.deckhand.commands.TestSources.Gateway gatewayConfig =
        dev.deckhand.commands.TestSources.Gateway.defaults();

    /** The sources of gateway's ConfigMaps and Secret (the test keeps them to change them). */
    Builder gatewayConfig(dev.deckhand.commands.TestSources.Gateway sources) {
      gatewayConfig = sources;
      return this;
    }

    /** Gives gateway post-deploy hooks. */
    private dev.deckhand.commands.catalog.BuildSpec build;

    private boolean noEngine;

    /** Gateway's build: section. */
    Builder build(dev.deckhand.commands.catalog.BuildSpec spec) {
      build = spec;
      return this;
    }

    private dev.deckhand.commands.ports.Metrics metrics = dev.deckhand.commands.ports.Metrics.NONE;

    /** The metrics source canary gates query (none by default). */
    Builder metrics(dev.deckhand.commands.ports.Metrics source) {
      metrics = source;
      return this;
    }

    /** No container engine configured. */
    Builder noEngine() {
      noEngine = true;
      return this;
    }

    Builder hooks(List<dev.deckhand.commands.catalog.Hook> list) {
      hooks = List.copyOf(list);
      return this;
    }

    /** Gives gateway a migration gate. */
    Builder migration(dev.deckhand.commands.catalog.MigrationJob job) {
      migration = job;
      return this;
    }

    /** The zone of the times prod shows. */
    Builder prodZone(java.time.ZoneId zone) {
      prodZone = zone;
      return this;
    }

    /** Who approves in prod, how many, for how long. */
    Builder prodApprovals(int count, Duration expiry) {
      prodApprovals =
          new dev.deckhand.commands.catalog.ApprovalPolicy(
              count, "release-managers", expiry, java.util.Set.of());
      return this;
    }

    Builder autoRollback(boolean on) {
      autoRollback = on;
      return this;
    }

    /** Attempts of the one health check; 0 for none. */
    Builder healthAttempts(int n) {
      healthAttempts = n;
      return this;
    }

    Builder rolloutBound(Duration d) {
      rolloutBound = d;
      return this;
    }

    Builder pool(int workerThreads, int queueSize) {
      workers = workerThreads;
      queue = queueSize;
      return this;
    }

    /** How role member entries are matched (user ids only by default). */
    Builder memberships(dev.deckhand.commands.ports.Memberships m) {
      memberships = m;
      return this;
    }

    /** False: the engine is built as at a start, and not resumed (its dispatcher holds). */
    Builder resumed(boolean on) {
      resumed = on;
      return this;
    }

    /**
     * A new engine over the stores, cluster, registry and chat of {@code previous}, which must be
     * closed first: as at a restart, perhaps with an edited catalog.
     */
    Builder restartOf(EngineFixture previous) {
      restartOf = previous;
      return this;
    }

    /** The channels prod is bound to (the fixture's chat by default). */
    Builder prodChannels(List<String> channels) {
      prodChannels = List.copyOf(channels);
      return this;
    }

    /** The catalog's people (none by default). */
    Builder people(dev.deckhand.commands.catalog.People linked) {
      people = linked;
      return this;
    }

    /** Gives gateway {@code migrate: { sql: { database: coachpilot, dir } }}. */
    Builder sqlDir(java.nio.file.Path dir) {
      sqlDir = dir;
      return this;
    }

    /** Declares bundle {@link #BUNDLE} of this directory. */
    Builder bundleDir(java.nio.file.Path dir) {
      bundleDir = dir;
      return this;
    }

    /** {@code open: true}. */
    Builder open(boolean on) {
      open = on;
      return this;
    }

    private java.util.function.UnaryOperator<Catalog> edit = c -> c;

    /** Edits the catalog last (other services, a release). */
    Builder edit(java.util.function.UnaryOperator<Catalog> change) {
      edit = change;
      return this;
    }

    /** A role besides the test catalog's, or instead of the one of that name. */
    Builder role(dev.deckhand.commands.catalog.RoleSpec role) {
      extraRoles.add(role);
      return this;
    }

    EngineFixture build() {
      return new EngineFixture(this);
    }
  }
}
