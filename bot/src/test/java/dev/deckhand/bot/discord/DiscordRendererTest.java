package dev.deckhand.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.deckhand.bot.GoldenFiles;
import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.entities.MessageEmbed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files (the embed JSON JDA sends, keys sorted, pretty-printed) for every reply kind. To
 * accept a deliberate change, run with {@code -Dgolden.update=true} and review the diff.
 */
class DiscordRendererTest {
  private static final GoldenFiles GOLDEN = new GoldenFiles("discord");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private final DiscordRenderer renderer = new DiscordRenderer();

  static List<String> kinds() {
    return List.copyOf(samples().keySet());
  }

  static Map<String, Reply> samples() {
    Actor alice = new Actor("discord", "100000000000000001", "alice");
    List<StepRecord> steps =
        List.of(
            new StepRecord(
                "preflight",
                "read deployment coachpilot/coachpilot-gateway in staging",
                StepState.DONE,
                "revision 3"),
            new StepRecord(
                "set-image",
                "set container gateway to p10e-mmc-20260519-d4-webhooks",
                StepState.DONE,
                ""),
            new StepRecord("rollout", "roll out 3 replicas", StepState.RUNNING, ""),
            new StepRecord("verify", "verify health (1 check)", StepState.PENDING, ""),
            new StepRecord(
                "rollback", "roll back to revision 3 if anything fails", StepState.SKIPPED, ""),
            new StepRecord("x", "a failed step", StepState.FAILED, "pod p is CrashLoopBackOff"));
    List<StepRecord> manySteps =
        IntStream.rangeClosed(1, 60)
            .mapToObj(
                i ->
                    new StepRecord(
                        "s" + i,
                        "runbook step " + i + " of the iceberg wipe: " + "x".repeat(40),
                        i < 30 ? StepState.DONE : StepState.PENDING,
                        i == 29 ? "scaled consumers to 0" : ""))
            .toList();
    Map<String, Reply> samples = new LinkedHashMap<>();
    samples.put("text", new Reply.Text("gateway in staging already runs it; nothing to do."));
    samples.put(
        "text-escaped", new Reply.Text("@everyone **bold** `code` _x_ <@1> stay plain text"));
    samples.put(
        "problem", new Reply.Problem("there is no service 'gatewya'", "did you mean gateway?"));
    samples.put("problem-without-hint", new Reply.Problem("Deckhand is busy right now", ""));
    samples.put("internal-error", new Reply.InternalError("3f9c2a1b"));
    samples.put(
        "listing",
        new Reply.Listing("Status in staging", List.of("gateway: rolled out", "quiz: rolling")));
    samples.put(
        "listing-long",
        new Reply.Listing(
            "History of gateway",
            IntStream.rangeClosed(1, 120)
                .mapToObj(i -> "revision " + i + " · p10e-mmc-202605" + i + " · " + "y".repeat(40))
                .toList()));
    samples.put(
        "operation-running",
        new Reply.Operation(
            12,
            "deploy gateway p10e-mmc-20260519-d4-webhooks",
            alice,
            "staging",
            "staging/coachpilot/deployment/coachpilot-gateway (container gateway)",
            OperationState.RUNNING,
            steps,
            new Progress(3, 2, 1, 1),
            Duration.ofSeconds(14),
            false,
            List.of("approved by bob")));
    samples.put(
        "operation-final",
        new Reply.Operation(
            12,
            "deploy gateway p10e-mmc-20260519-d4-webhooks",
            alice,
            "staging",
            "staging/coachpilot/deployment/coachpilot-gateway (container gateway)",
            OperationState.ROLLED_BACK,
            steps,
            null,
            Duration.ofSeconds(41),
            false,
            List.of()));
    samples.put(
        "operation-pending-approval",
        new Reply.Operation(
            13,
            "deploy gateway p10e-mmc-20260519-d4-webhooks",
            alice,
            "prod",
            "prod/coachpilot/deployment/coachpilot-gateway (container gateway)",
            OperationState.PENDING_APPROVAL,
            steps.subList(0, 2),
            null,
            Duration.ofSeconds(3),
            false,
            List.of(
                "needs 1 approval from release-managers (not alice): react ✅ to approve or ❌"
                    + " to reject, or /approve 13 · /reject 13; expires 10:30 UTC",
                "⚠️ break-glass by alice: \"peak-hour hotfix\"")));
    samples.put(
        "operation-many-steps",
        new Reply.Operation(
            14,
            "run iceberg-wipe " + "with a summary far too long for a header ".repeat(4),
            alice,
            "prod",
            "prod/ai-platform",
            OperationState.RUNNING,
            manySteps,
            null,
            Duration.ofMinutes(3),
            true,
            List.of()));
    return samples;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void rendersEveryReplyKindAsItsGoldenFile(String kind) throws IOException {
    MessageEmbed embed = renderer.render(samples().get(kind));
    String rendered = JSON.writeValueAsString(embed.toData().toMap()) + "\n";
    GOLDEN.assertMatches(kind + ".json", rendered);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void staysWithinDiscordLimits(String kind) {
    MessageEmbed embed = renderer.render(samples().get(kind));
    assertThat(embed.isSendable()).isTrue();
    assertThat(embed.getLength()).isLessThanOrEqualTo(MessageEmbed.EMBED_MAX_LENGTH_BOT);
    assertThat(embed.getFields()).hasSizeLessThanOrEqualTo(25);
  }

  @Test
  void theColourSaysTheState() {
    assertThat(renderer.render(samples().get("operation-running")).getColorRaw())
        .isEqualTo(DiscordRenderer.BLUE);
    assertThat(renderer.render(samples().get("operation-final")).getColorRaw())
        .isEqualTo(DiscordRenderer.ORANGE);
    assertThat(renderer.render(samples().get("operation-pending-approval")).getColorRaw())
        .isEqualTo(DiscordRenderer.YELLOW);
    assertThat(renderer.render(samples().get("problem")).getColorRaw())
        .isEqualTo(DiscordRenderer.RED);
  }

  @Test
  void aStepListTooLongIsCutAndSaysHowManyAreLeft() {
    MessageEmbed embed = renderer.render(samples().get("operation-many-steps"));
    assertThat(embed.getDescription())
        .hasSizeLessThanOrEqualTo(DiscordRenderer.MAX_DESCRIPTION)
        .containsPattern("\n… \\d+ more steps$");
    assertThat(embed.getTitle()).hasSizeLessThanOrEqualTo(256);
    assertThat(embed.getFooter().getText()).isEqualTo("op 14 · running");
  }

  @Test
  void markdownAndMentionsFromChatStayPlainText() {
    String text = renderer.render(samples().get("text-escaped")).getDescription();
    assertThat(text).doesNotContain("@everyone").contains("\\*\\*bold\\*\\*");
  }
}
