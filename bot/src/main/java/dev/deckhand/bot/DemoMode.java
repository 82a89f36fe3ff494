package dev.deckhand.bot;

import dev.deckhand.bot.config.CatalogLoader;
import dev.deckhand.bot.config.SecretResolver;
import dev.deckhand.bot.registry.InsecureRegistries;
import dev.deckhand.commands.engine.Engine;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code deckhand demo}: starts the {@link DemoWorld} under {@code $DECKHAND_HOME/demo}, says where
 * the kubeconfig is, and runs the console chat on it.
 */
final class DemoMode {
  private final Path home;
  private final Map<String, String> env;

  DemoMode(Path home, Map<String, String> env) {
    this.home = home;
    this.env = env;
  }

  int run(Path file, BufferedReader in, PrintStream out, PrintStream err, boolean interactive)
      throws Exception {
    CatalogLoader loader = new CatalogLoader(SecretResolver.standard(env));
    err.println("Starting the simulated clusters, registry and embedded PostgreSQL...");
    try (DemoWorld world =
        DemoWorld.start(loader, file, home.resolve("demo"), Engine.Settings.defaults(), out)) {
      Path kubeconfig = world.kubeconfig().toAbsolutePath();
      var catalog = world.config().catalog();
      InsecureRegistries.warn(catalog);
      out.println(
          "Deckhand demo is up. Simulated clusters: "
              + String.join(", ", catalog.clusters().keySet())
              + ".");
      out.println("kubeconfig: " + kubeconfig);
      out.println("  try: kubectl --kubeconfig " + kubeconfig + " --context staging get deploy -A");
      out.println(
          "You are "
              + world.config().console().defaultUser()
              + " (switch with /as <user>). Type /help, or /deploy gateway p10e-mmc-20260519.");
      out.flush();
      int resumed = world.runtime().start();
      if (resumed > 0) {
        out.println("Picked up " + resumed + " unfinished operation(s) from the last run.");
      }
      return world.runtime().chat(in, interactive) ? 0 : 1;
    }
  }
}
