package dev.deckhand.bot;

import dev.deckhand.bot.config.LoadedConfig;
import dev.deckhand.bot.console.ConsoleChat;
import dev.deckhand.bot.health.HttpHealthProbe;
import dev.deckhand.commands.catalog.RegistrySpec;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.registry.Credentials;
import dev.deckhand.registry.RegistryClient;
import dev.deckhand.registry.RegistryEndpoint;
import dev.deckhand.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
                RegistryClient.create(endpoints(config)),
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

  static List<RegistryEndpoint> endpoints(LoadedConfig config) {
    List<RegistryEndpoint> endpoints = new ArrayList<>();
    for (RegistrySpec r : config.catalog().registries().values()) {
      Optional<Credentials> creds =
          r.username() == null
              ? Optional.empty()
              : Optional.of(
                  new Credentials(r.username(), r.password() == null ? "" : r.password()));
      endpoints.add(new RegistryEndpoint(r.name(), r.url(), creds, false));
    }
    return endpoints;
  }

  @Override
  public void close() {
    engine.close();
  }
}
