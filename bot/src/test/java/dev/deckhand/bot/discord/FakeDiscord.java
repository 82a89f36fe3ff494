package dev.deckhand.bot.discord;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/**
 * Discord for tests, on 127.0.0.1 only: the REST API under {@code /api/v10/} (users/@me, guild
 * commands, interaction callbacks, webhook follow-ups, channel messages) with every call recorded,
 * and a {@link FakeGateway}. It can refuse the token, answer a fraction of message edits with 429
 * and a Retry-After of 1 to 5 s, answer posts with 429, and post messages whose ids are dated in
 * the past. The bot is a member of {@link #GUILD} and of {@link #OTHER_GUILD}. Tests drive it with
 * {@link #slash}, {@link #autocomplete}, {@link #react} (and their variants in another guild) and
 * {@link #gateway()}.
 */
public final class FakeDiscord implements AutoCloseable {
  public static final String GUILD = Snowflakes.at(1_700_000_000_000L);
  public static final String CHANNEL = Snowflakes.at(1_700_000_000_001L);
  public static final String BOT = Snowflakes.at(1_700_000_000_002L);
  public static final String APP = BOT;
  public static final String RELEASE_MANAGERS = Snowflakes.at(1_700_000_000_003L);

  /** Another server the bot was also invited to, which Deckhand does not serve, and its channel. */
  public static final String OTHER_GUILD = Snowflakes.at(1_700_000_000_010L);

  public static final String OTHER_CHANNEL = Snowflakes.at(1_700_000_000_011L);

  /** One REST call as it arrived and was answered. */
  public record Call(
      String method,
      String path,
      DataObject body,
      int status,
      Duration retryAfter,
      long nanos,
      String posted) {
    public boolean is(String m, String pathPart) {
      return method.equals(m) && path.contains(pathPart);
    }

    /** The first embed's title, or "". */
    public String title() {
      return embed("title");
    }

    /** The first embed's footer text, or "". */
    public String footer() {
      return body.optArray("embeds")
          .filter(a -> !a.isEmpty())
          .flatMap(a -> a.getObject(0).optObject("footer"))
          .map(f -> f.getString("text", ""))
          .orElse("");
    }

    public String description() {
      return embed("description");
    }

    private String embed(String key) {
      return body.optArray("embeds")
          .filter(a -> !a.isEmpty())
          .map(a -> a.getObject(0).getString(key, ""))
          .orElse("");
    }
  }

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final FakeGateway gateway;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final DataObject botUser = Payloads.user(BOT, "deckhand", true);
  private final Random random = new Random(7);
  private final Clock clock;
  private volatile boolean tokenRefused;
  private int refuseEvery;
  private int edits;
  private int refusePosts;
  private Duration postRetryAfter = Duration.ZERO;
  private final Map<String, Duration> agedTitles = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, CountDownLatch> heldEdits = new ConcurrentHashMap<>();
  private final Set<String> editsWaiting = ConcurrentHashMap.newKeySet();

  public FakeDiscord() throws IOException, InterruptedException {
    this(Clock.systemUTC());
  }

  /** A fake whose posted messages' ids (snowflakes) are dated by {@code clock}. */
  public FakeDiscord(Clock clock) throws IOException, InterruptedException {
    this.clock = clock;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v10/", this::handle);
    server.setExecutor(threads);
    server.start();
    gateway = new FakeGateway(this::welcome);
    gateway.startAndWait();
  }

  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v10/";
  }

  public String gatewayUrl() {
    return gateway.url();
  }

  FakeGateway gateway() {
    return gateway;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public void refuseToken() {
    tokenRefused = true;
  }

  /**
   * From now on one message edit in {@code every} (the 2nd, then every {@code every}-th: 5 gives 20
   * %) is answered 429 with a Retry-After of 1 to 5 s; 0 stops refusing.
   */
  public synchronized void refuseEdits(int every) {
    refuseEvery = every;
    edits = 0;
  }

  /**
   * The next {@code n} posts of channel messages are answered 429 with a Retry-After of {@code
   * retryAfter} (whole seconds), as Discord's per-channel bucket would.
   */
  public synchronized void refusePosts(int n, Duration retryAfter) {
    refusePosts = n;
    postRetryAfter = retryAfter;
  }

  /**
   * Channel messages posted from now on whose first embed title contains {@code title} get an id (a
   * snowflake) created {@code age} ago, as if they had been posted then.
   */
  /** A fresh message id (a snowflake of now), as Discord would give a message posted now. */
  public static String freshId() {
    return Snowflakes.next();
  }

  /**
   * Edits of message {@code id} from now on are answered only once {@link #answerEdits} is called
   * (or after a minute), so that a test can hold the bot in the middle of a blocking edit.
   */
  public void holdEditsOf(String id) {
    heldEdits.put(id, new CountDownLatch(1));
  }

  /** Whether an edit of message {@code id} has arrived and is being held. */
  public boolean editHeld(String id) {
    return editsWaiting.contains(id);
  }

  /** Answers the held edits of message {@code id}, and those to come. */
  public void answerEdits(String id) {
    CountDownLatch held = heldEdits.remove(id);
    if (held != null) {
      held.countDown();
    }
  }

  public void agePostsTitled(String title, Duration age) {
    agedTitles.put(title, age);
  }

  /** Drops the gateway connection abruptly; JDA is expected to RESUME. */
  public void dropGateway() {
    gateway.drop();
  }

  /** On the next RESUME, replays the last {@code n} dispatches the bot already had. */
  public void replayOnResume(int n) {
    gateway.replayAlreadyDelivered(n);
  }

  /** The gateway ops received: 2 IDENTIFY, 6 RESUME, 1 heartbeat. */
  public long gatewayOps(int op) {
    return gateway.received().stream().filter(r -> r.op() == op).count();
  }

  public boolean gatewayConnected() {
    return gateway.connected();
  }

  /** A member of the guild typing in chat: user id, name, guild role ids. */
  public record Person(String id, String name, List<String> roles) {
    DataObject member() {
      return Payloads.member(Payloads.user(id, name, false), roles);
    }
  }

  /**
   * Sends an INTERACTION_CREATE for a slash command with string or boolean options; returns the
   * interaction's id (a fresh snowflake). {@link #repeatInteraction} sends the same one again.
   */
  public DataObject slash(Person who, String command, Map<String, Object> options) {
    return slashIn(GUILD, CHANNEL, who, command, options);
  }

  /** {@link #slash}, in a channel of another guild. */
  public DataObject slashIn(
      String guild, String channel, Person who, String command, Map<String, Object> options) {
    DataArray opts = DataArray.empty();
    options.forEach(
        (name, value) ->
            opts.add(
                DataObject.empty()
                    .put("name", name)
                    .put("type", value instanceof Boolean ? 5 : 3)
                    .put("value", value)));
    DataObject interaction = interaction(guild, channel, who, 2, command, opts);
    gateway.dispatch("INTERACTION_CREATE", interaction);
    return interaction;
  }

  /** Delivers the very same interaction again, as a duplicate delivery would. */
  public void repeatInteraction(DataObject interaction) {
    gateway.dispatch("INTERACTION_CREATE", interaction);
  }

  /** Sends an autocomplete interaction with {@code focused} being typed; returns its id. */
  public String autocomplete(
      Person who, String command, Map<String, String> filled, String focused, String typed) {
    DataArray opts = DataArray.empty();
    filled.forEach(
        (name, value) ->
            opts.add(DataObject.empty().put("name", name).put("type", 3).put("value", value)));
    opts.add(
        DataObject.empty()
            .put("name", focused)
            .put("type", 3)
            .put("value", typed)
            .put("focused", true));
    DataObject interaction = interaction(GUILD, CHANNEL, who, 4, command, opts);
    gateway.dispatch("INTERACTION_CREATE", interaction);
    return interaction.getString("id");
  }

  /** A reaction added or removed by {@code who} on a message; returns its sequence number. */
  public int react(Person who, String messageId, String emoji, boolean added) {
    return reactIn(GUILD, CHANNEL, who, messageId, emoji, added);
  }

  /** {@link #react}, in a channel of another guild. */
  public int reactIn(
      String guild, String channel, Person who, String messageId, String emoji, boolean added) {
    DataObject event =
        DataObject.empty()
            .put("user_id", who.id())
            .put("channel_id", channel)
            .put("message_id", messageId)
            .put("guild_id", guild)
            .put("emoji", DataObject.empty().put("id", null).put("name", emoji))
            .put("burst", false)
            .put("type", 0);
    if (added) {
      event.put("member", who.member()).put("message_author_id", BOT);
    }
    return gateway.dispatch(added ? "MESSAGE_REACTION_ADD" : "MESSAGE_REACTION_REMOVE", event);
  }

  private DataObject interaction(
      String guild, String channel, Person who, int type, String command, DataArray options) {
    String id = Snowflakes.next();
    return DataObject.empty()
        .put("id", id)
        .put("application_id", APP)
        .put("type", type)
        .put("token", "interaction-token-" + id)
        .put("version", 1)
        .put("guild_id", guild)
        .put(
            "guild",
            DataObject.empty()
                .put("id", guild)
                .put("locale", "en-US")
                .put("features", DataArray.empty()))
        .put("channel_id", channel)
        .put("channel", Payloads.channel(channel, guild))
        .put("member", who.member())
        .put(
            "data",
            DataObject.empty()
                .put("id", Snowflakes.next())
                .put("name", command)
                .put("type", 1)
                .put("guild_id", guild)
                .put("options", options))
        .put("locale", "en-US")
        .put("guild_locale", "en-US")
        .put("app_permissions", "8")
        .put("entitlements", DataArray.empty())
        .put("authorizing_integration_owners", DataObject.empty().put("0", guild))
        .put("context", 0)
        .put("attachment_size_limit", 8388608);
  }

  private List<Map.Entry<String, DataObject>> welcome() {
    DataObject ready =
        DataObject.empty()
            .put("v", 10)
            .put("user", botUser)
            .put(
                "guilds",
                DataArray.empty()
                    .add(DataObject.empty().put("id", GUILD).put("unavailable", true))
                    .add(DataObject.empty().put("id", OTHER_GUILD).put("unavailable", true)))
            .put("application", DataObject.empty().put("id", APP).put("flags", 0))
            .put("private_channels", DataArray.empty())
            .put("relationships", DataArray.empty());
    DataObject guild =
        Payloads.guild(GUILD, CHANNEL, botUser, Map.of(RELEASE_MANAGERS, "release-managers"));
    DataObject other =
        Payloads.guild(OTHER_GUILD, OTHER_CHANNEL, botUser, Map.of()).put("name", "Another server");
    return List.of(
        Map.entry("READY", ready),
        Map.entry("GUILD_CREATE", guild),
        Map.entry("GUILD_CREATE", other));
  }

  private void holdIfAsked(String method, String path) {
    if (!method.equals("PATCH") || !path.matches("channels/\\d+/messages/\\d+")) {
      return;
    }
    String id = path.substring(path.lastIndexOf('/') + 1);
    CountDownLatch held = heldEdits.get(id);
    if (held == null) {
      return;
    }
    editsWaiting.add(id);
    try {
      held.await(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath().substring("/api/v10/".length());
      byte[] raw = exchange.getRequestBody().readAllBytes();
      DataObject body = parse(raw);
      long nanos = System.nanoTime();
      holdIfAsked(method, path);
      if (tokenRefused) {
        // Recorded before answering, as every other call: the bot may act on the answer (and a
        // test look at the calls) before this thread gets the CPU back on a busy machine.
        calls.add(new Call(method, path, body, 401, null, nanos, null));
        answer(exchange, 401, "{\"message\":\"401: Unauthorized\",\"code\":0}", null);
        return;
      }
      if (method.equals("PATCH") && path.matches("channels/\\d+/messages/\\d+")) {
        Duration wait = maybeRefuseEdit();
        if (wait != null) {
          calls.add(new Call(method, path, body, 429, wait, nanos, null));
          answer(
              exchange,
              429,
              "{\"message\":\"You are being rate limited.\",\"retry_after\":"
                  + wait.toSeconds()
                  + ",\"global\":false}",
              wait);
          return;
        }
      }
      if (method.equals("POST") && path.matches("channels/\\d+/messages")) {
        Duration wait = maybeRefusePost();
        if (wait != null) {
          calls.add(new Call(method, path, body, 429, wait, nanos, null));
          answer(
              exchange,
              429,
              "{\"message\":\"You are being rate limited.\",\"retry_after\":"
                  + wait.toSeconds()
                  + ",\"global\":false}",
              wait);
          return;
        }
      }
      String posted = method.equals("POST") ? postedId(path, body) : null;
      String response = respond(path, body, posted);
      calls.add(new Call(method, path, body, 200, null, nanos, posted));
      answer(exchange, 200, response, null);
    }
  }

  private synchronized Duration maybeRefusePost() {
    if (refusePosts == 0) {
      return null;
    }
    refusePosts--;
    return postRetryAfter;
  }

  private String postedId(String path, DataObject body) {
    if (path.matches("channels/\\d+/messages")) {
      String title = new Call("POST", path, body, 0, null, 0, null).title();
      for (Map.Entry<String, Duration> aged : agedTitles.entrySet()) {
        if (title.contains(aged.getKey()) && agedTitles.remove(aged.getKey(), aged.getValue())) {
          return Snowflakes.at(clock.millis() - aged.getValue().toMillis());
        }
      }
    }
    return Snowflakes.at(clock.millis());
  }

  private synchronized Duration maybeRefuseEdit() {
    if (refuseEvery == 0) {
      return null;
    }
    edits++;
    if (edits % refuseEvery == 2 % refuseEvery) {
      return Duration.ofSeconds(1 + random.nextInt(5));
    }
    return null;
  }

  private String respond(String path, DataObject body, String posted) {
    if (path.equals("users/@me")) {
      return botUser.toString();
    }
    if (path.startsWith("gateway")) {
      return DataObject.empty().put("url", gateway.url()).put("shards", 1).toString();
    }
    if (path.matches("applications/\\d+/guilds/\\d+/commands")) {
      DataArray out = DataArray.empty();
      DataArray in = body.optArray("array").orElseGet(DataArray::empty);
      for (int i = 0; i < in.length(); i++) {
        out.add(
            in.getObject(i)
                .put("id", Snowflakes.next())
                .put("application_id", APP)
                .put("guild_id", GUILD)
                .put("version", Snowflakes.next())
                .put("default_member_permissions", null)
                .put("nsfw", false));
      }
      return out.toString();
    }
    if (path.matches("interactions/\\d+/.+/callback")) {
      return "{}";
    }
    if (path.matches("channels/\\d+/messages(/\\d+)?")
        || path.matches("webhooks/\\d+/[^/]+(/messages/.+)?")) {
      String id =
          path.matches(".*/messages/\\d+")
              ? path.substring(path.lastIndexOf('/') + 1)
              : posted != null ? posted : Snowflakes.next();
      return Payloads.message(id, CHANNEL, GUILD, botUser, body).toString();
    }
    return "{}";
  }

  private DataObject parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.UTF_8).trim();
    if (text.startsWith("[")) {
      return DataObject.empty().put("array", DataArray.fromJson(text));
    }
    if (text.startsWith("{")) {
      return DataObject.fromJson(text);
    }
    return DataObject.empty();
  }

  private static void answer(HttpExchange exchange, int status, String json, Duration retryAfter)
      throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    if (retryAfter != null) {
      exchange.getResponseHeaders().add("Retry-After", String.valueOf(retryAfter.toSeconds()));
      exchange.getResponseHeaders().add("X-RateLimit-Scope", "user");
    }
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() throws Exception {
    heldEdits.values().forEach(CountDownLatch::countDown);
    server.stop(0);
    threads.shutdownNow();
    gateway.stop(1000);
  }
}
