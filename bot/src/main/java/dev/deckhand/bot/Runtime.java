package dev.deckhand.bot;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import dev.deckhand.bot.config.LoadedConfig;
import dev.deckhand.bot.config.SlackSettings;
import dev.deckhand.bot.console.ConsoleChat;
import dev.deckhand.bot.discord.DiscordBot;
import dev.deckhand.bot.health.HttpHealthProbe;
import dev.deckhand.bot.logging.LogRedaction;
import dev.deckhand.bot.registry.CatalogRegistries;
import dev.deckhand.bot.slack.SlackAdapter;
import dev.deckhand.bot.slack.SlackConversations;
import dev.deckhand.bot.slack.SlackUserGroups;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.Redactor;
import dev.deckhand.commands.engine.Engine;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.Memberships;
import dev.deckhand.prometheus.PrometheusMetrics;
import dev.deckhand.store.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The bot wired on given clusters and store: the engine, the console chat and, when the catalog has
 * them, the Slack adapter ({@code chat.slack}: Socket Mode or HTTP) and the Discord bot ({@code
 * chat.discord}). Shared by {@code deckhand demo} and {@code deckhand run}; owns nothing it was
 * given.
 */
final class Runtime implements AutoCloseable {
  /** The Docker engine client of {@code docker:}, null without it. */
  private final AutoCloseable buildEngine;

  static final Duration CONSOLE_EDIT_INTERVAL = Duration.ofMillis(500);
  static final Duration DRAIN_BOUND = Duration.ofMinutes(10);

  private final Engine engine;
  private final ConsoleChat console;
  private final Optional<SlackSettings> slackSettings;
  private final Slack slack;
  private final MethodsClient slackMethods;
  private final SlackConversations slackChannels;
  private final Memberships memberships;
  private SlackAdapter slackAdapter;
  private final DiscordBot discord;

  /**
   * Wires the bot; {@link #start()} then resumes what a previous run left unfinished.
   *
   * @param http the executor the registry clients, the health probe and the metrics source complete
   *     their HTTP calls on (see {@link IoThreads}); not owned
   * @param out where the console chat writes
   * @param stateDir where the console keeps its message numbering
   */
  Runtime(
      LoadedConfig config,
      Cluster cluster,
      Database database,
      Executor http,
      Engine.Settings settings,
      PrintStream out,
      Path stateDir) {
    var stores = database.stores();
    Redactor redactor = Redactor.of(config.secretValues());
    LogRedaction.install(redactor);
    ConsoleChat[] chat = new ConsoleChat[1];
    this.slackSettings = config.slack();
    if (slackSettings.isPresent()) {
      SlackConfig slackConfig = SlackClientConfig.create(slackSettings.get().apiUrl());
      this.slack = Slack.getInstance(slackConfig);
      this.slackMethods = slack.methods(slackSettings.get().botToken());
      this.slackChannels = new SlackConversations(slackMethods);
      this.memberships = new SlackUserGroups(slackMethods, slackSettings.get().userGroupTtl());
    } else {
      this.memberships = Memberships.IDS;
      this.slack = null;
      this.slackMethods = null;
      this.slackChannels = null;
    }
    SlackConversations channels = slackChannels;
    CatalogRegistries registries = registries(config, http);
    AutoCloseable[] owned = new AutoCloseable[1];
    dev.deckhand.commands.ports.Builds builds = builds(config, c -> owned[0] = c);
    this.buildEngine = owned[0];
    this.discord =
        config
            .discord()
            .map(
                d ->
                    new DiscordBot(
                        d, config.catalog(), registries, Engine.COMMANDS, Clock.systemUTC()))
            .orElse(null);
    DiscordBot discordBot = discord;
    this.engine =
        new Engine(
            config.catalog(),
            new Engine.Ports(
                cluster,
                registries,
                new HttpHealthProbe(Duration.ofSeconds(3), http),
                stores.operations(),
                stores.timeline(),
                stores.audit(),
                stores.approvals(),
                stores.locks(),
                stores.freezes(),
                stores.deliveries(),
                stores.boards(),
                id ->
                    conversation(chat[0], id)
                        .or(() -> channels == null ? Optional.empty() : channels.find(id))
                        .or(() -> discordBot == null ? Optional.empty() : discordBot.find(id)),
                stores.sqlLedger(),
                new dev.deckhand.bot.hooks.HttpWebhookClient(Duration.ofSeconds(3), http),
                builds,
                metrics(config, http)),
            settings,
            Clock.systemUTC(),
            memberships,
            redactor);
    var c = config.console();
    this.console =
        new ConsoleChat(
            engine.dispatcher(),
            out,
            c.users(),
            c.defaultUser(),
            c.channel(),
            CONSOLE_EDIT_INTERVAL,
            stateDir,
            redactor);
    chat[0] = console;
  }

  /**
   * Checks the Slack token with {@code auth.test} and prepares the Slack adapter when the catalog
   * has one, resumes unfinished operations, then starts receiving from Slack; returns how many
   * operations were resumed. Call once, before reading input.
   *
   * @throws IllegalStateException naming what is wrong when Slack refuses a token, the endpoint's
   *     address cannot be bound or the Socket Mode connection cannot be opened
   */
  int start() {
    if (slackSettings.isPresent()) {
      slackAdapter =
          SlackAdapter.open(
              slackSettings.get(),
              slack,
              slackMethods,
              engine.dispatcher(),
              slackChannels,
              Engine.COMMANDS.stream().map(CommandSpec::name).toList());
    }
    if (discord != null) {
      discord.start(engine.dispatcher(), engine.timer());
    }
    int resumed = engine.resume();
    if (slackAdapter != null) {
      slackAdapter.start();
    }
    return resumed;
  }

  /** Where the Slack HTTP endpoint listens, once started in HTTP mode. */
  Optional<InetSocketAddress> slackAddress() {
    return Optional.ofNullable(slackAdapter).flatMap(SlackAdapter::httpAddress);
  }

  /** The chat platforms served besides the console ("Slack", "Discord"), once started. */
  List<String> remoteChats() {
    List<String> out = new ArrayList<>();
    if (slackAdapter != null) {
      out.add("Slack");
    }
    if (discord != null) {
      out.add("Discord");
    }
    return out;
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

  /**
   * The Docker engine of {@code docker:} with JGit checkouts, pushing where each service's registry
   * is; {@link dev.deckhand.commands.ports.Builds#NONE} without {@code docker:}.
   */
  static dev.deckhand.commands.ports.Builds builds(
      LoadedConfig config, java.util.function.Consumer<AutoCloseable> owned) {
    if (config.docker().isEmpty()) {
      return dev.deckhand.commands.ports.Builds.NONE;
    }
    java.net.URI host = config.docker().get();
    dev.deckhand.build.DockerImageBuilder engine = new dev.deckhand.build.DockerImageBuilder(host);
    owned.accept(engine);
    Map<String, dev.deckhand.commands.catalog.RegistrySpec> registryOfImage = new LinkedHashMap<>();
    for (ServiceSpec s : config.catalog().services().values()) {
      registryOfImage.put(s.image(), config.registryOf(s));
    }
    return new dev.deckhand.commands.ports.Builds(
        host.toString(),
        new dev.deckhand.bot.build.CatalogBuilder(engine, registryOfImage),
        new dev.deckhand.build.JGitCheckout());
  }

  /**
   * The Prometheus server of {@code prometheus:}; {@link dev.deckhand.commands.ports.Metrics#NONE}
   * without it.
   */
  static dev.deckhand.commands.ports.Metrics metrics(LoadedConfig config, Executor http) {
    return config
        .prometheus()
        .<dev.deckhand.commands.ports.Metrics>map(
            p -> new PrometheusMetrics(p.url(), p.timeout(), p.token(), http))
        .orElse(dev.deckhand.commands.ports.Metrics.NONE);
  }

  /** One registry client per catalog registry, each service routed to the one it names. */
  static CatalogRegistries registries(LoadedConfig config, Executor http) {
    Map<String, String> imageRegistry = new LinkedHashMap<>();
    for (ServiceSpec s : config.catalog().services().values()) {
      imageRegistry.put(s.image(), config.registryOf(s).name());
    }
    return new CatalogRegistries(config.catalog().registries(), imageRegistry, http);
  }

  /** The Discord adapter, when the catalog has {@code chat.discord}. */
  Optional<DiscordBot> discord() {
    return Optional.ofNullable(discord);
  }

  @Override
  public void close() {
    if (buildEngine != null) {
      try {
        buildEngine.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(Runtime.class)
            .warn("while closing the Docker engine client", e);
      }
    }
    if (discord != null) {
      discord.close();
    }
    if (slackAdapter != null) {
      slackAdapter.close();
    }
    engine.close();
    if (slack != null) {
      try {
        slack.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(Runtime.class).warn("while closing the Slack client", e);
      }
    }
  }
}
