package dev.deckhand.bot.discord;

import dev.deckhand.bot.config.DiscordSettings;
import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.engine.Dispatcher;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.ports.ImageRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Discord adapter: JDA with the light preset (no member cache, no chunking) and only the
 * non-privileged {@code GUILD_MESSAGE_REACTIONS} intent, the guild's slash commands registered from
 * the command registry, and one listener per event kind, each serving the configured guild only
 * ({@link GuildPin}). {@link #start} checks the token ({@code GET /users/@me}), connects, and
 * registers the commands; {@link #find} then serves the engine's conversation lookups. Thread-safe.
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);
  static final Duration READY_BOUND = Duration.ofSeconds(30);

  private final DiscordSettings settings;
  private final Catalog catalog;
  private final ImageRegistry registry;
  private final List<CommandSpec> specs;
  private final Clock clock;
  private final RefusalCounter refusals = new RefusalCounter(System::nanoTime);
  private final ThreadPoolExecutor lookups =
      new ThreadPoolExecutor(
          2,
          2,
          30,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(32),
          r -> {
            Thread t = new Thread(r, "discord-autocomplete");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.DiscardPolicy());

  private volatile JDA jda;
  private volatile DiscordConversations channels;

  public DiscordBot(
      DiscordSettings settings,
      Catalog catalog,
      ImageRegistry registry,
      List<CommandSpec> specs,
      Clock clock) {
    this.settings = settings;
    this.catalog = catalog;
    this.registry = registry;
    this.specs = List.copyOf(specs);
    this.clock = clock;
  }

  /**
   * Logs in, waits (bounded) for the guild, and registers its slash commands. Blocking.
   *
   * @param timer runs JDA's two schedulers, where JDA would start three threads: the rate-limit
   *     scheduler only times requests and hands each to JDA's elastic pool, which makes the
   *     blocking call; the gateway pool times heartbeats and the gateway's send queue, whose writes
   *     go to the websocket's own writer thread. Nothing of JDA's blocks it; not shut down here
   *     (the engine's timer fits)
   * @throws IllegalStateException naming the catalog key at fault when Discord refuses the token,
   *     cannot be reached, or the bot is not in the guild
   */
  public void start(Dispatcher dispatcher, ScheduledExecutorService timer) {
    settings.cleartextWarnings().forEach(log::warn);
    DiscordRenderer renderer = new DiscordRenderer();
    GuildPin pin = new GuildPin(settings.guild());
    GatewaySession session = new GatewaySession();
    CountDownLatch ready = new CountDownLatch(1);
    JDABuilder builder =
        JDABuilder.createLight(settings.token(), EnumSet.of(GatewayIntent.GUILD_MESSAGE_REACTIONS))
            .setMemberCachePolicy(MemberCachePolicy.NONE)
            .setChunkingFilter(ChunkingFilter.NONE)
            .disableCache(EnumSet.allOf(CacheFlag.class))
            .setHttpClientBuilder(new OkHttpClient.Builder().addInterceptor(refusals))
            .setRateLimitScheduler(timer, false)
            .setGatewayPool(timer, false)
            .addEventListeners(
                session,
                new ListenerAdapter() {
                  @Override
                  public void onReady(ReadyEvent event) {
                    ready.countDown();
                  }
                });
    settings.apiUrl().ifPresent(url -> builder.setRestConfig(new RestConfig().setBaseUrl(url)));
    settings
        .gatewayUrl()
        .ifPresent(
            url ->
                builder
                    .setCompression(Compression.NONE)
                    .setSessionController(
                        new SessionControllerAdapter() {
                          @Override
                          public String getGateway() {
                            return url;
                          }
                        }));
    JDA built = login(builder);
    this.jda = built;
    DiscordConversations conversations = new DiscordConversations(built, renderer, clock);
    Map<String, CommandSpec> byName = new LinkedHashMap<>();
    specs.forEach(s -> byName.put(s.name(), s));
    built.addEventListener(
        new SlashCommandListener(
            byName, dispatcher, conversations, renderer, new RecentIds(4096), pin),
        new AutocompleteListener(
            new Autocomplete(catalog, registry, System::nanoTime), lookups, pin),
        new ReactionListener(dispatcher, session, pin));
    awaitReady(ready);
    registerCommands(built);
    this.channels = conversations;
  }

  private JDA login(JDABuilder builder) {
    String api = settings.apiUrl().orElse("Discord's API");
    try {
      return builder.build();
    } catch (InvalidTokenException e) {
      throw new IllegalStateException(
          "Discord refused the bot token (chat.discord.token): GET /users/@me at "
              + api
              + " answered 401",
          e);
    } catch (ErrorResponseException e) {
      throw new IllegalStateException(
          "Discord answered GET /users/@me at " + api + " with error " + e.getErrorCode(), e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot reach Discord at " + api + " (chat.discord.api-url): " + e.getMessage(), e);
    }
  }

  private void awaitReady(CountDownLatch ready) {
    try {
      if (!ready.await(READY_BOUND.toSeconds(), TimeUnit.SECONDS)) {
        close();
        throw new IllegalStateException(
            "Discord's gateway did not get ready within "
                + READY_BOUND.toSeconds()
                + " s (chat.discord.gateway-url: "
                + settings.gatewayUrl().orElse("default")
                + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while connecting to Discord", e);
    }
  }

  private void registerCommands(JDA built) {
    Guild guild = built.getGuildById(settings.guild());
    if (guild == null) {
      close();
      throw new IllegalStateException(
          "the bot is not a member of guild "
              + settings.guild()
              + " (chat.discord.guild); invite it first, see docs/discord.md");
    }
    List<String> envs = List.copyOf(catalog.environments().keySet());
    try {
      guild.updateCommands().addCommands(SlashCommands.commands(specs, envs)).complete();
    } catch (ErrorResponseException e) {
      close();
      throw new IllegalStateException(
          "Discord refused the slash commands for guild "
              + settings.guild()
              + ": error "
              + e.getErrorCode()
              + " "
              + e.getMeaning()
              + " (was the bot invited with the applications.commands scope?)",
          e);
    }
  }

  /** A channel of the guild by id, once started; empty for other adapters' ids. */
  public Optional<Conversation> find(String id) {
    DiscordConversations c = channels;
    return c == null ? Optional.empty() : c.find(id);
  }

  /** Discord's 401/403/429 answers within the last ten minutes. */
  public int refusals() {
    return refusals.count();
  }

  @Override
  public void close() {
    JDA j = jda;
    if (j != null) {
      j.shutdown();
      try {
        if (!j.awaitShutdown(Duration.ofSeconds(5))) {
          j.shutdownNow();
        }
      } catch (InterruptedException e) {
        j.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    lookups.shutdownNow();
  }
}
