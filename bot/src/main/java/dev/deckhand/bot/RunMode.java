package dev.deckhand.bot;

import dev.deckhand.bot.config.LoadedConfig;
import dev.deckhand.commands.catalog.ClusterSpec;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.kubernetes.KubernetesClients;
import dev.deckhand.kubernetes.KubernetesClusters;
import dev.deckhand.store.Database;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/** {@code deckhand run}: the real clusters, registries and store the catalog names. */
final class RunMode {
  private final Path home;
  private final Map<String, String> env;

  RunMode(Path home, Map<String, String> env) {
    this.home = home;
    this.env = env;
  }

  int run(LoadedConfig config, BufferedReader in, PrintStream out, boolean interactive)
      throws Exception {
    // The store (an embedded server's start, the schema check) and the cluster clients are
    // independent and each takes a second or more: start the store first, beside the clients.
    CompletableFuture<Database> opening = new CompletableFuture<>();
    Thread opener =
        new Thread(
            () -> {
              try {
                opening.complete(database(config));
              } catch (Throwable t) {
                opening.completeExceptionally(t);
              }
            },
            "deckhand-store-open");
    opener.start();
    IoThreads io = new IoThreads();
    Map<String, KubernetesClient> clients;
    try {
      clients = clients(config, io);
    } catch (RuntimeException e) {
      io.close();
      closeWhenOpen(opening, e);
      throw e;
    }
    // Closed once, by whichever comes first: the end of run() or SIGTERM's shutdown hook, so that
    // a stopped bot always shuts its embedded PostgreSQL down cleanly (else the next start is
    // slow).
    CloseOnce resources = new CloseOnce();
    Thread hook = new Thread(resources::close, "deckhand-shutdown");
    java.lang.Runtime.getRuntime().addShutdownHook(hook);
    try {
      resources.add(io); // closed last: the clients and the informers use it
      Database db = resources.add(opened(opening, clients.values()));
      KubernetesClusters clusters = resources.add(new KubernetesClusters(clients, io.executor()));
      Runtime runtime =
          resources.add(
              new Runtime(
                  config, clusters, db, io.executor(), Engine.Settings.defaults(), out, home));
      out.println("Deckhand is running with " + config.source() + ". Type /help.");
      int resumed = runtime.start();
      if (resumed > 0) {
        out.println("Picked up " + resumed + " unfinished operation(s) from the last run.");
      }
      runtime
          .slackAddress()
          .ifPresent(
              a ->
                  out.println(
                      "Slack requests are served at http://"
                          + a.getHostString()
                          + ":"
                          + a.getPort()
                          + "/slack/"));
      List<String> chats = runtime.remoteChats();
      if (!chats.isEmpty()) {
        out.println("Serving " + String.join(" and ", chats) + ".");
      }
      out.flush();
      boolean drained = runtime.chat(in, interactive);
      if (!chats.isEmpty()) {
        // A bot deployed without a terminal has no console input at all: keep serving chat.
        out.println(
            "Console input ended; Deckhand keeps serving "
                + String.join(" and ", chats)
                + " until it is stopped (SIGTERM).");
        out.flush();
        new CountDownLatch(1)
            .await(); // until SIGTERM: the hook closes everything, then the JVM ends
      }
      return drained ? 0 : 1;
    } finally {
      resources.close();
      try {
        java.lang.Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already stopping: the hook runs, and finds everything closed
      }
    }
  }

  private Map<String, KubernetesClient> clients(LoadedConfig config, IoThreads io) {
    Map<String, KubernetesClient> clients = new LinkedHashMap<>();
    for (ClusterSpec c : config.catalog().clusters().values()) {
      clients.put(
          c.name(),
          c.inCluster()
              ? KubernetesClients.inCluster(io.executor())
              : KubernetesClients.fromKubeconfig(kubeconfig(c), c.context(), io.executor()));
    }
    return clients;
  }

  /**
   * The database once open; when it failed to open, the clients are closed and its failure (a
   * {@code StoreException} naming what is wrong) is thrown as it was.
   */
  private static Database opened(
      CompletableFuture<Database> opening, Collection<KubernetesClient> clients) {
    try {
      return opening.join();
    } catch (CompletionException e) {
      clients.forEach(KubernetesClient::close);
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** Stops the database opened beside a start that failed, once it is open. */
  private static void closeWhenOpen(CompletableFuture<Database> opening, Exception failure) {
    try {
      opening.join().close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private Database database(LoadedConfig config) {
    return config
        .store()
        .map(s -> Database.external(s.url(), s.user(), s.password()))
        .orElseGet(() -> Database.embedded(home.resolve("db")));
  }

  private Path kubeconfig(ClusterSpec c) {
    if (c.kubeconfig() != null) {
      return Path.of(c.kubeconfig());
    }
    String fromEnv = env.get("KUBECONFIG");
    return fromEnv != null && !fromEnv.isBlank()
        ? Path.of(fromEnv.split(":")[0])
        : Path.of(System.getProperty("user.home"), ".kube", "config");
  }
}
