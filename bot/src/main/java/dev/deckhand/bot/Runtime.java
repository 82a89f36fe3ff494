package dev.deckhand.bot;

import dev.deckhand.bot.config.LoadedConfig;
import dev.deckhand.bot.console.ConsoleChat;
import dev.deckhand.bot.health.HttpHealthProbe;
import dev.deckhand.bot.registry.CatalogRegistries;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bot wired on given clusters and store: the engine and the console chat. Shared by {@code
 * deckhand demo} and {@code deckhand run}; owns nothing it was given.
 */
final class Runtime implements AutoCloseable {
  static final Duration CONSOLE_EDIT_INTERVAL = Duration.ofMillis(500);
  static final Duration DRAIN_BOUND = Duration.ofMinutes(10);

  private final Engine engine;
  private final ConsoleChat console;

  /**
   * Wires the bot; {@link #start()} then resumes what a previous run left unfinished.
   *
   * @param out where the console chat writes
   * @param stateDir where the console keeps its message numbering
   */
  Runtime(
      LoadedConfig config,
      Cluster cluster,
      Database database,
      Engine.Settings settings,
      PrintStream out,
      Path stateDir) {
    var stores = database.stores();
    ConsoleChat[] chat = new ConsoleChat[1];
    this.engine =
        new Engine(
            config.catalog(),
            new Engine.Ports(
                cluster,
                registries(config),
                new HttpHealthProbe(Duration.ofSeconds(3)),
                stores.operations(),
                stores.timeline(),
                stores.audit(),
                stores.approvals(),
                stores.locks(),
                stores.freezes(),
                stores.deliveries(),
                id -> conversation(chat[0], id)),
            settings,
            Clock.systemUTC());
    var c = config.console();
    this.console =
        new ConsoleChat(
            engine.dispatcher(),
            out,
            c.users(),
            c.defaultUser(),
            c.channel(),
            CONSOLE_EDIT_INTERVAL,
            stateDir);
    chat[0] = console;
  }

  /** Resumes unfinished operations; returns how many. Call once, before reading input. */
  int start() {
    return engine.resume();
  }

  /**
   * Runs the console chat until end of input, then waits (bounded) for running operations.
   *
   * @return true if every operation ended before the bound
   */
  boolean chat(BufferedReader in, boolean interactive) throws IOException, InterruptedException {
    console.run(in, interactive);
    return engine.awaitIdle(DRAIN_BOUND);
  }

  ConsoleChat console() {
    return console;
  }

  Engine engine() {
    return engine;
  }

  private static Optional<Conversation> conversation(ConsoleChat chat, String id) {
    return Optional.ofNullable(chat).map(ConsoleChat::conversation).filter(c -> c.id().equals(id));
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
