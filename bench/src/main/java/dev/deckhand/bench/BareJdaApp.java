package dev.deckhand.bench;

import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.ChunkingFilter;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import net.dv8tion.jda.api.utils.cache.CacheFlag;

/**
 * The P1 baseline over Discord: bare JDA, built as the bot builds it (light preset, no member
 * cache, no chunking, the same single intent, no compression, the fake's REST and gateway URLs),
 * that only defers every slash command ({@code deferReply().queue()}). Run in a JVM of its own with
 * the bot's heap flags. Prints {@code ready} once its gateway is ready; ends on SIGTERM.
 *
 * <p>Usage: {@code BareJdaApp <api-url> <gateway-url> <token>}, the benchmark's own fake and token.
 */
public final class BareJdaApp {
  private BareJdaApp() {}

  public static void main(String[] args) throws Exception {
    String gateway = args[1];
    JDA jda =
        JDABuilder.createLight(args[2], EnumSet.of(GatewayIntent.GUILD_MESSAGE_REACTIONS))
            .setMemberCachePolicy(MemberCachePolicy.NONE)
            .setChunkingFilter(ChunkingFilter.NONE)
            .disableCache(EnumSet.allOf(CacheFlag.class))
            .setRestConfig(new RestConfig().setBaseUrl(args[0]))
            .setCompression(Compression.NONE)
            .setSessionController(
                new SessionControllerAdapter() {
                  @Override
                  public String getGateway() {
                    return gateway;
                  }
                })
            .addEventListeners(
                new ListenerAdapter() {
                  @Override
                  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
                    event.deferReply().queue(ok -> {}, e -> {});
                  }
                })
            .build();
    jda.awaitReady();
    Runtime.getRuntime().addShutdownHook(new Thread(jda::shutdownNow));
    System.out.println("ready");
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
