package dev.deckhand.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.util.json.GsonFactory;
import dev.deckhand.bot.GoldenFiles;
import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files (Block Kit JSON as the SDK sends it, pretty-printed) for every reply kind. To accept
 * a deliberate change, run with {@code -Dgolden.update=true} and review the diff.
 */
class SlackRendererTest {
  private static final GoldenFiles GOLDEN = new GoldenFiles("slack");
  private static final Gson GSON =
      GsonFactory.createSnakeCase().newBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  private final SlackRenderer renderer = new SlackRenderer();

  static List<String> kinds() {
    return List.copyOf(samples().keySet());
  }

  static Map<String, Reply> samples() {
    Actor alice = new Actor("slack", "U024BE7LH", "alice");
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
    samples.put("text-escaped", new Reply.Text("<!channel> & <@U1> stay plain text"));
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
    SlackMessage message = renderer.render(samples().get(kind));
    JsonObject json = new JsonObject();
    json.addProperty("text", message.text());
    json.add("blocks", GSON.toJsonTree(message.blocks()));
    String rendered = GSON.toJson(json) + "\n";
    GOLDEN.assertMatches(kind + ".json", rendered);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void staysWithinSlackLimits(String kind) {
    SlackMessage message = renderer.render(samples().get(kind));
    assertThat(message.blocks()).isNotEmpty().hasSizeLessThanOrEqualTo(SlackRenderer.MAX_BLOCKS);
    assertThat(message.text()).isNotBlank().hasSizeLessThanOrEqualTo(SlackRenderer.MAX_SECTION);
    for (LayoutBlock block : message.blocks()) {
      if (block instanceof SectionBlock s && s.getText() != null) {
        assertThat(s.getText().getText()).hasSizeLessThanOrEqualTo(SlackRenderer.MAX_SECTION);
      }
    }
  }

  @Test
  void aLongListingSplitsIntoSectionsAndKeepsEveryLine() {
    Reply.Listing listing = (Reply.Listing) samples().get("listing-long");
    List<LayoutBlock> blocks = renderer.render(listing).blocks();
    assertThat(blocks).hasSizeGreaterThan(2);
    List<String> lines = new ArrayList<>();
    blocks.stream()
        .skip(1)
        .forEach(b -> lines.addAll(List.of(((SectionBlock) b).getText().getText().split("\n"))));
    assertThat(lines).isEqualTo(listing.lines());
  }

  @Test
  void aStepListTooLongForOneSectionIsCutAndSaysHowManyAreLeft() {
    SlackMessage message = renderer.render(samples().get("operation-many-steps"));
    String steps = ((SectionBlock) message.blocks().get(2)).getText().getText();
    assertThat(steps).hasSizeLessThanOrEqualTo(3000).containsPattern("\n… \\d+ more steps$");
    String header = GSON.toJson(message.blocks().get(0));
    assertThat(header).contains("…");
  }

  @Test
  void cutsToTheLimitWithAnEllipsisAndNeverSplitsASurrogatePair() {
    assertThat(dev.deckhand.bot.render.RenderedText.cut("abcdef", 4)).isEqualTo("abc…");
    assertThat(dev.deckhand.bot.render.RenderedText.cut("abcdef", 6)).isEqualTo("abcdef");
    assertThat(dev.deckhand.bot.render.RenderedText.cut("ab✅😀cd", 5)).isEqualTo("ab✅…");
  }
}
