package dev.deckhand.bot;

import dev.deckhand.bot.config.LoadedConfig;
import dev.deckhand.bot.console.ConsoleChat;
import dev.deckhand.bot.health.HttpHealthProbe;
import dev.deckhand.bot.registry.CatalogRegistries;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bot wired on given clusters and store: the engine and the console chat. Shared by {@code
 * deckhand demo} and {@code deckhand run}; owns nothing it was given.
 */
final class Runtime implements AutoCloseable {
  static final Duration CONSOLE_EDIT_INTERVAL = Duration.ofMillis(500);
  static final Duration DRAIN_BOUND = Duration.ofMinutes(10);

  private final LoadedConfig config;
  private final Engine engine;

  Runtime(LoadedConfig config, Cluster cluster, Database database, Engine.Settings settings) {
    this.config = config;
    var stores = database.stores();
    this.engine =
        new Engine(
            config.catalog(),
            new Engine.Ports(
                cluster,
                registries(config),
                new HttpHealthProbe(Duration.ofSeconds(3)),
                stores.operations(),
                stores.timeline(),
                stores.audit()),
            settings,
            Clock.systemUTC());
  }

  /**
   * Runs the console chat until end of input, then waits (bounded) for running operations.
   *
   * @return true if every operation ended before the bound
   */
  boolean chat(BufferedReader in, PrintStream out, boolean interactive)
      throws IOException, InterruptedException {
    console(out).run(in, interactive);
    return engine.awaitIdle(DRAIN_BOUND);
  }

  /** A console chat on this bot, writing to {@code out}. */
  ConsoleChat console(PrintStream out) {
    var console = config.console();
    return new ConsoleChat(
        engine.dispatcher(), out, console.users(), console.defaultUser(), CONSOLE_EDIT_INTERVAL);
  }

  Engine engine() {
    return engine;
  }

  /** One registry client per catalog registry, each service routed to the one it names. */
  static CatalogRegistries registries(LoadedConfig config) {
    Map<String, String> imageRegistry = new LinkedHashMap<>();
    for (ServiceSpec s : config.catalog().services().values()) {
      imageRegistry.put(s.image(), config.registryOf(s).name());
    }
    return new CatalogRegistries(config.catalog().registries(), imageRegistry);
  }

  @Override
  public void close() {
    engine.close();
  }
}
