package dev.deckhand.bot.console;

import dev.deckhand.bot.GoldenFiles;
import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every reply kind. To accept a deliberate change, run with {@code
 * -Dgolden.update=true} and review the diff.
 */
class ConsoleRendererTest {
  private static final GoldenFiles GOLDEN = new GoldenFiles("console");
  private final ConsoleRenderer renderer = new ConsoleRenderer();

  static List<String> kinds() {
    return List.copyOf(samples().keySet());
  }

  static Map<String, Reply> samples() {
    Actor alice = new Actor("console", "alice", "alice");
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
    return Map.of(
        "text", new Reply.Text("gateway in staging already runs it; nothing to do."),
        "problem", new Reply.Problem("there is no service 'gatewya'", "did you mean gateway?"),
        "problem-without-hint", new Reply.Problem("Deckhand is busy right now", ""),
        "internal-error", new Reply.InternalError("3f9c2a1b"),
        "listing",
            new Reply.Listing("Status in staging", List.of("gateway: rolled out", "quiz: rolling")),
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
                List.of("approved by bob")),
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
                List.of()),
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
                        + " to reject, or /approve 13 · /reject 13; expires 10:30 UTC")));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void rendersEveryReplyKindAsItsGoldenFile(String kind) throws IOException {
    String rendered = String.join("\n", renderer.render(samples().get(kind))) + "\n";
    GOLDEN.assertMatches(kind + ".txt", rendered);
  }
}
