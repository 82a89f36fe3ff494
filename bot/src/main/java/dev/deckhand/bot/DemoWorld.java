package dev.deckhand.bot;

import dev.deckhand.bot.config.CatalogException;
import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.DemoSettings;
import dev.deckhand.bot.config.LoadedConfig;
import dev.deckhand.bot.config.Problem;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.model.Target;
import dev.deckhand.kubernetes.KubernetesClients;
import dev.deckhand.kubernetes.KubernetesClusters;
import dev.deckhand.kubesim.KubeSim;
import dev.deckhand.kubesim.SimOptions;
import dev.deckhand.store.Database;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code deckhand demo} runs on: the catalog's clusters simulated on 127.0.0.1, a
 * simulated registry serving the demo tags, health endpoints, a Prometheus API answering the canary
 * gates' queries, an embedded PostgreSQL, and the bot wired to them exactly as in {@code deckhand
 * run} (through a kubeconfig it writes, and the registry over HTTP). Closing it stops everything in
 * reverse order.
 */
final class DemoWorld implements AutoCloseable {
  static final String SIM_REGISTRY = "sim.registry";
  static final String SIM_HEALTH = "sim.health";
  static final String SIM_PROMETHEUS = "sim.prometheus";
  private static final Map<String, String> PLACEHOLDERS =
      Map.of(
          SIM_REGISTRY,
          "http://127.0.0.1:1",
          SIM_HEALTH,
          "http://127.0.0.1:1",
          SIM_PROMETHEUS,
          "http://127.0.0.1:1");

  private final KubeSim sim;
  private final LoadedConfig config;
  private final Path kubeconfig;
  private final Database database;
  private final KubernetesClusters clusters;
  private final IoThreads io;
  private final Runtime runtime;

  private DemoWorld(
      KubeSim sim,
      LoadedConfig config,
      Path kubeconfig,
      Database database,
      KubernetesClusters clusters,
      IoThreads io,
      Runtime runtime) {
    this.sim = sim;
    this.config = config;
    this.kubeconfig = kubeconfig;
    this.database = database;
    this.clusters = clusters;
    this.io = io;
    this.runtime = runtime;
  }

  /**
   * Starts the simulation for the catalog {@code file}, keeping state under {@code dir}; the
   * console chat writes to {@code out}.
   */
  static DemoWorld start(
      CatalogLoader loader, Path file, Path dir, Engine.Settings settings, java.io.PrintStream out)
      throws CatalogException, IOException {
    // The simulated servers' addresses are catalog variables: read the file once to learn what
    // to simulate, start the simulation, then load it for real with the addresses.
    LoadedConfig draft = loader.load(file, PLACEHOLDERS);
    DemoSettings demo = draft.demo().orElseThrow(() -> noDemoSection(file));
    Files.createDirectories(dir);
    KubeSim sim = KubeSim.start(List.copyOf(draft.catalog().clusters().keySet()), options(demo));
    Database database = null;
    KubernetesClusters clusters = null;
    IoThreads io = new IoThreads();
    try {
      LoadedConfig config =
          loader.load(
              file,
              Map.of(
                  SIM_REGISTRY,
                  sim.registry().baseUrl(),
                  SIM_HEALTH,
                  sim.health().baseUrl(),
                  SIM_PROMETHEUS,
                  sim.prometheus().baseUrl()));
      seed(sim, config, demo);
      Path kubeconfig = dir.resolve("kubeconfig");
      sim.writeKubeconfig(kubeconfig);
      Map<String, KubernetesClient> clients = new LinkedHashMap<>();
      for (String cluster : config.catalog().clusters().keySet()) {
        clients.put(cluster, KubernetesClients.fromKubeconfig(kubeconfig, cluster, io.executor()));
      }
      clusters = new KubernetesClusters(clients, io.executor());
      database = Database.embedded(dir.resolve("db"));
      Runtime runtime = new Runtime(config, clusters, database, io.executor(), settings, out, dir);
      return new DemoWorld(sim, config, kubeconfig, database, clusters, io, runtime);
    } catch (RuntimeException | IOException | CatalogException e) {
      closeAll(clusters, io, database, sim);
      throw e;
    }
  }

  LoadedConfig config() {
    return config;
  }

  Runtime runtime() {
    return runtime;
  }

  KubeSim sim() {
    return sim;
  }

  Database database() {
    return database;
  }

  Path kubeconfig() {
    return kubeconfig;
  }

  @Override
  public void close() {
    closeAll(runtime, clusters, io, database, sim);
  }

  private static void closeAll(AutoCloseable... parts) {
    for (AutoCloseable part : parts) {
      if (part == null) {
        continue;
      }
      try {
        part.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(DemoWorld.class).warn("while stopping the demo", e);
      }
    }
  }

  private static SimOptions options(DemoSettings demo) {
    return SimOptions.defaults()
        .withPodReadyDelay(demo.readyDelay())
        .withProgressDeadlineSeconds((int) Math.max(1, demo.progressDeadline().toSeconds()));
  }

  /** Registry tags for every service, and every target deployment running its first tag. */
  private static void seed(KubeSim sim, LoadedConfig config, DemoSettings demo) {
    for (ServiceSpec service : config.catalog().services().values()) {
      List<String> tags = demo.tagsOf(service.name());
      if (tags.isEmpty()) {
        continue;
      }
      sim.registry().addTags(service.image(), tags.toArray(String[]::new));
      for (Target t : service.targets().values()) {
        sim.seedDeployment(
            t.cluster(),
            t.namespace(),
            t.deployment(),
            t.container(),
            service.image() + ":" + tags.get(0),
            demo.replicas());
      }
      seedConfigMaps(sim, service);
      seedServices(sim, service);
    }
    // The databases' pods, for /sql and /sql-migrate: a one-replica postgres Deployment each (the
    // simulated cluster has no StatefulSet controller; exec finds the pod by the same labels).
    for (var db : config.catalog().databases().values()) {
      for (var location : db.locations().values()) {
        Target t = location.target();
        sim.seedDeployment(
            t.cluster(), t.namespace(), location.pod().name(), db.container(), "postgres:16", 1);
      }
    }
  }

  /**
   * The Kubernetes Service a blue-green service switches or a canary service's stable pods are
   * behind, selecting its seeded pods (by their {@code app} label) as a Service written before any
   * switch would; and the Traefik {@code IngressRoute} a canary's weights move, sending everything
   * to that Service.
   */
  static void seedServices(KubeSim sim, ServiceSpec service) {
    service.blueGreenSpec().ifPresent(bg -> seedService(sim, service, bg.service()));
    service
        .canarySpec()
        .ifPresent(
            canary -> {
              seedService(sim, service, canary.service());
              canary.route().ifPresent(route -> seedRoute(sim, service, route, canary.service()));
            });
  }

  private static void seedService(KubeSim sim, ServiceSpec service, String name) {
    for (Target t : service.targets().values()) {
      var services = sim.cluster(t.cluster()).client().services().inNamespace(t.namespace());
      if (services.withName(name).get() == null) {
        services
            .resource(
                new io.fabric8.kubernetes.api.model.ServiceBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(t.namespace())
                    .endMetadata()
                    .withNewSpec()
                    .addToSelector("app", t.deployment())
                    .addNewPort()
                    .withPort(80)
                    .endPort()
                    .endSpec()
                    .build())
            .create();
      }
    }
  }

  /** An IngressRoute or HTTPRoute with one rule sending everything to the stable Service. */
  private static void seedRoute(
      KubeSim sim,
      ServiceSpec service,
      dev.deckhand.commands.catalog.CanarySpec.Route route,
      String stable) {
    boolean traefik =
        route.kind() == dev.deckhand.commands.catalog.CanarySpec.RouteKind.INGRESS_ROUTE;
    var context =
        new io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext.Builder()
            .withGroup(traefik ? "traefik.io" : "gateway.networking.k8s.io")
            .withVersion(traefik ? "v1alpha1" : "v1")
            .withKind(route.kind().kind())
            .withPlural(traefik ? "ingressroutes" : "httproutes")
            .withNamespaced(true)
            .build();
    Map<String, Object> backend = Map.of("name", stable, "port", 80);
    Map<String, Object> spec =
        traefik
            ? Map.of(
                "entryPoints",
                List.of("websecure"),
                "routes",
                List.of(
                    Map.of(
                        "match",
                        "Host(`" + service.name() + ".demo.test`)",
                        "kind",
                        "Rule",
                        "services",
                        List.of(backend))))
            : Map.of(
                "parentRefs",
                List.of(Map.of("name", "demo-gateway")),
                "rules",
                List.of(Map.of("backendRefs", List.of(backend))));
    for (Target t : service.targets().values()) {
      var routes =
          sim.cluster(t.cluster())
              .client()
              .genericKubernetesResources(context)
              .inNamespace(t.namespace());
      if (routes.withName(route.name()).get() == null) {
        routes
            .resource(
                new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                    .withApiVersion(context.getGroup() + "/" + context.getVersion())
                    .withKind(route.kind().kind())
                    .withNewMetadata()
                    .withName(route.name())
                    .withNamespace(t.namespace())
                    .endMetadata()
                    .addToAdditionalProperties("spec", spec)
                    .build())
            .create();
      }
    }
  }

  /** Each ConfigMap the catalog declares, as its file says at the start. */
  private static void seedConfigMaps(KubeSim sim, ServiceSpec service) {
    service
        .config()
        .configMaps()
        .forEach(
            (env, cm) -> {
              Target t = service.target(env).orElseThrow();
              sim.seedConfigMap(t.cluster(), t.namespace(), cm.name(), cm.source().read());
            });
  }

  private static CatalogException noDemoSection(Path file) {
    return new CatalogException(
        List.of(
            new Problem(
                file, 1, "demo", "deckhand demo needs a demo: section (tags per service)")));
  }
}
