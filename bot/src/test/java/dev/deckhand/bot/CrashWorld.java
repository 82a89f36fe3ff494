package dev.deckhand.bot;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.BoardStore;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.DeliveryLog;
import dev.deckhand.commands.ports.FreezeStore;
import dev.deckhand.commands.ports.HealthProbe;
import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.LockStore;
import dev.deckhand.commands.ports.OperationStore;
import dev.deckhand.commands.ports.SqlLedger;
import dev.deckhand.commands.ports.Timeline;
import dev.deckhand.commands.ports.WebhookClient;
import dev.deckhand.store.Database;
import dev.deckhand.store.PooledStores;
import dev.deckhand.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every crash-injection run shares: one embedded PostgreSQL (emptied between runs), the
 * catalog, a registry and a health probe that always answer the same, and the thread of the fake
 * clusters' controller. Each run gets its own {@link AutoCluster} and {@link MemoryChat}; its
 * engines are built here, either with every port behind a {@link Fuse} (the process that will die)
 * or on the bare ports (the process started after it).
 */
final class CrashWorld implements AutoCloseable {
  static final String IMAGE = "synergygroup/coachpilot-gateway";
  static final String PREVIOUS_TAG = "p10e-mmc-20260420-c3-login";
  static final String RUNNING_TAG = "p10e-mmc-20260501-base";
  static final String NEW_TAG = "p10e-mmc-20260519-d4-webhooks";
  static final String CRASH_TAG = "p10e-mmc-20260520-c7-crash";
  static final Actor ALICE = new Actor("console", "alice", "alice");
  static final Actor BOB = new Actor("console", "bob", "bob");

  /** A rollout takes this long in the fake cluster. */
  private static final long ROLLOUT_MILLIS = 2;

  private static final String CATALOG =
      """
      default-environment: staging
      registries:
        default: { url: "http://127.0.0.1:9" }
      clusters:
        staging: { context: staging }
        prod: { context: prod }
      environments:
        staging: { cluster: staging, auto-rollback: true, lock-after-rollback: false }
        prod:
          cluster: prod
          protected: true
          approvals: { count: 1, from: release-managers, expires: 30m }
          lock-after-rollback: false
      roles:
        developers:
          console: [alice]
          grants: ["deploy:*", "status:*"]
        release-managers:
          console: [bob]
          grants: ["deploy:*", "approve:prod", "status:*"]
      services:
        gateway:
          image: synergygroup/coachpilot-gateway
          tag-pattern: 'p10e-mmc-\\d{8}-[a-z0-9-]+'
          targets:
            staging: { namespace: coachpilot, deployment: coachpilot-gateway, container: gateway }
            prod: { namespace: coachpilot, deployment: coachpilot-gateway, container: gateway }
          verify:
            - http: "http://127.0.0.1:9/{env}/health"
              expect-status: 200
              attempts: 2
      """;

  private final Database database;
  private final Stores stores;
  private final Catalog catalog;
  private final ScheduledExecutorService controller;
  private final ImageRegistry registry = new FixedRegistry();
  private final HealthProbe probe = check -> new HealthProbe.Result(true, "200 OK");

  private CrashWorld(Database database, Catalog catalog) {
    this.database = database;
    this.stores = PooledStores.on(database);
    this.catalog = catalog;
    this.controller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "fake-cluster-controller");
              t.setDaemon(true);
              return t;
            });
  }

  static CrashWorld start(Path dir) throws Exception {
    Path file = dir.resolve("deckhand.yaml");
    Files.writeString(file, CATALOG);
    Catalog catalog =
        new CatalogLoader(SecretResolver.standard(Map.of())).load(file, Map.of()).catalog();
    return new CrashWorld(Database.embedded(dir.resolve("db")), catalog);
  }

  /** The store's ports, on reused connections (one per call costs too much for 200 runs). */
  Stores stores() {
    return stores;
  }

  Target target(String environment) {
    return catalog.service("gateway").orElseThrow().target(environment).orElseThrow();
  }

  static String pinned(String tag) {
    return IMAGE + ":" + tag + "@" + digest(IMAGE, tag);
  }

  /** Empties every table, the audit trail too (its append-only triggers are bypassed here). */
  void reset() {
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                  + " AND tablename <> 'flyway_schema_history'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      s.execute("SET session_replication_role = replica");
      s.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
      s.execute("SET session_replication_role = DEFAULT");
    } catch (SQLException e) {
      throw new IllegalStateException("could not empty the database", e);
    }
  }

  /** The ids of every stored operation, oldest first. */
  List<Long> operationIds() {
    List<Long> ids = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM operation ORDER BY id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return ids;
  }

  /** A cluster whose gateway runs {@link #RUNNING_TAG} (after {@link #PREVIOUS_TAG}) everywhere. */
  AutoCluster cluster() {
    AutoCluster cluster = new AutoCluster(controller, ROLLOUT_MILLIS, i -> i.contains("-crash"));
    for (String env : List.of("staging", "prod")) {
      cluster.deployment(target(env), pinned(PREVIOUS_TAG), pinned(RUNNING_TAG));
    }
    return cluster;
  }

  /**
   * An engine whose every port goes through {@code fuse}: store writes count and may blow it; once
   * it killed the process, every call of this engine fails, to the cluster and the chat too.
   */
  Engine fusedEngine(AutoCluster cluster, MemoryChat chat, Fuse fuse) {
    Stores s = stores();
    Conversation conversation = FusedPorts.guarded(Conversation.class, chat, fuse);
    return engine(
        new Engine.Ports(
            FusedPorts.guarded(Cluster.class, cluster, fuse),
            FusedPorts.guarded(ImageRegistry.class, registry, fuse),
            FusedPorts.guarded(HealthProbe.class, probe, fuse),
            FusedPorts.store(OperationStore.class, s.operations(), fuse),
            FusedPorts.store(Timeline.class, s.timeline(), fuse),
            FusedPorts.store(AuditLog.class, s.audit(), fuse),
            FusedPorts.store(ApprovalStore.class, s.approvals(), fuse),
            FusedPorts.store(LockStore.class, s.locks(), fuse),
            FusedPorts.store(FreezeStore.class, s.freezes(), fuse),
            FusedPorts.store(DeliveryLog.class, s.deliveries(), fuse),
            FusedPorts.store(BoardStore.class, s.boards(), fuse),
            id -> Optional.of(conversation).filter(c -> id.equals(MemoryChat.ID)),
            SqlLedger.NONE,
            WebhookClient.NONE,
            dev.deckhand.commands.ports.Builds.NONE,
            dev.deckhand.commands.ports.Metrics.NONE));
  }

  /** The engine of a freshly started process, on the same store, cluster and chat. */
  Engine engine(AutoCluster cluster, MemoryChat chat) {
    Stores s = stores();
    return engine(
        new Engine.Ports(
            cluster,
            registry,
            probe,
            s.operations(),
            s.timeline(),
            s.audit(),
            s.approvals(),
            s.locks(),
            s.freezes(),
            s.deliveries(),
            s.boards(),
            id -> Optional.<Conversation>of(chat).filter(c -> id.equals(MemoryChat.ID)),
            SqlLedger.NONE,
            WebhookClient.NONE,
            dev.deckhand.commands.ports.Builds.NONE,
            dev.deckhand.commands.ports.Metrics.NONE));
  }

  private Engine engine(Engine.Ports ports) {
    return new Engine(
        catalog,
        ports,
        new Engine.Settings(4, 64, Duration.ofSeconds(5), Duration.ofMillis(5)),
        Clock.systemUTC());
  }

  @Override
  public void close() {
    controller.shutdownNow();
    database.close();
  }

  static String digest(String image, String tag) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((image + ":" + tag).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A registry holding the test's tags of the gateway image, each with a made-up digest. */
  private static final class FixedRegistry implements ImageRegistry {
    private static final List<String> TAGS = List.of(PREVIOUS_TAG, RUNNING_TAG, NEW_TAG, CRASH_TAG);

    @Override
    public List<String> tags(String image) {
      return image.equals(IMAGE) ? TAGS : List.of();
    }

    @Override
    public Optional<String> digest(String image, String tag) {
      return tags(image).contains(tag)
          ? Optional.of(CrashWorld.digest(image, tag))
          : Optional.empty();
    }
  }
}
