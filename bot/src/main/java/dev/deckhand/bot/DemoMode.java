package dev.deckhand.bot;

import dev.deckhand.bot.config.CatalogException;
import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.DemoSettings;
import dev.deckhand.bot.config.LoadedConfig;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.model.Target;
import dev.deckhand.kubernetes.KubernetesClients;
import dev.deckhand.kubernetes.KubernetesClusters;
import dev.deckhand.kubesim.KubeSim;
import dev.deckhand.kubesim.SimOptions;
import dev.deckhand.store.Database;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code deckhand demo}: the catalog's clusters simulated on 127.0.0.1 (kube-sim), a simulated
 * registry serving the demo tags, health endpoints, and an embedded PostgreSQL under {@code
 * $DECKHAND_HOME/demo}. The bot itself is wired exactly as in {@code deckhand run}: it reaches the
 * simulated clusters through a kubeconfig it writes, and the registry over HTTP.
 */
final class DemoMode {
  static final String SIM_REGISTRY = "sim.registry";
  static final String SIM_HEALTH = "sim.health";
  private static final Map<String, String> PLACEHOLDERS =
      Map.of(SIM_REGISTRY, "http://127.0.0.1:1", SIM_HEALTH, "http://127.0.0.1:1");

  private final Path home;
  private final Map<String, String> env;

  DemoMode(Path home, Map<String, String> env) {
    this.home = home;
    this.env = env;
  }

  int run(Path file, BufferedReader in, PrintStream out, PrintStream err, boolean interactive)
      throws Exception {
    CatalogLoader loader = new CatalogLoader(SecretResolver.standard(env));
    // The simulated servers' addresses are catalog variables, so read the file once to learn
    // what to simulate, start the simulation, then load it for real with the addresses.
    LoadedConfig draft = loader.load(file, PLACEHOLDERS);
    DemoSettings demo = draft.demo().orElseThrow(() -> noDemoSection(file));
    Path dir = home.resolve("demo");
    Files.createDirectories(dir);
    err.println("Starting the simulated clusters " + draft.catalog().clusters().keySet() + "...");
    try (KubeSim sim =
        KubeSim.start(List.copyOf(draft.catalog().clusters().keySet()), options(demo))) {
      LoadedConfig config =
          loader.load(
              file,
              Map.of(SIM_REGISTRY, sim.registry().baseUrl(), SIM_HEALTH, sim.health().baseUrl()));
      seed(sim, config, demo);
      Path kubeconfig = dir.resolve("kubeconfig");
      sim.writeKubeconfig(kubeconfig);
      Map<String, KubernetesClient> clients = new LinkedHashMap<>();
      for (String cluster : config.catalog().clusters().keySet()) {
        clients.put(cluster, KubernetesClients.fromKubeconfig(kubeconfig, cluster));
      }
      try (Database db = Database.embedded(dir.resolve("db"));
          KubernetesClusters clusters = new KubernetesClusters(clients);
          Runtime runtime = new Runtime(config, clusters, db, Engine.Settings.defaults())) {
        out.println(
            "Deckhand demo is up. Simulated clusters: "
                + String.join(", ", clients.keySet())
                + ".");
        out.println("kubeconfig: " + kubeconfig.toAbsolutePath());
        out.println(
            "  try: kubectl --kubeconfig "
                + kubeconfig.toAbsolutePath()
                + " --context staging get deploy -A");
        out.println(
            "You are "
                + config.console().defaultUser()
                + " (switch with /as <user>). Type /help, or /deploy gateway p10e-mmc-20260519.");
        out.flush();
        return runtime.chat(in, out, interactive) ? 0 : 1;
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
    }
  }

  private static CatalogException noDemoSection(Path file) {
    return new CatalogException(
        List.of(
            new dev.deckhand.bot.config.Problem(
                file, 1, "demo", "deckhand demo needs a demo: section (tags per service)")));
  }
}
