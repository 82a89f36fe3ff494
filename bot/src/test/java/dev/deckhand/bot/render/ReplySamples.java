package dev.deckhand.bot.render;

import dev.deckhand.commands.chat.Progress;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** The replies every renderer is tested with, one of each kind and the hard cases. */
public final class ReplySamples {
  private ReplySamples() {}

  /**
   * Every reply kind, {@code alice} asking; keys are the golden files' names. A renderer test adds
   * what only its platform needs (escaping samples).
   */
  public static Map<String, Reply> all(Actor alice) {
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
    samples.put("board-running", board(alice, 4, false));
    samples.put("board-closed", board(alice, 4, true));
    samples.put("board-crowded", board(alice, 60, false));
    return samples;
  }

  /**
   * A board of {@code n} deploys: while open, every third has ended (one of them rolled back), the
   * rest are rolling; closed, every one has ended.
   */
  static Reply.Board board(Actor alice, int n, boolean closed) {
    List<Reply.Operation> ops =
        IntStream.rangeClosed(1, n)
            .mapToObj(
                i -> {
                  boolean ended = closed || i % 3 == 0;
                  OperationState state =
                      !ended
                          ? OperationState.RUNNING
                          : i % 9 == 0 ? OperationState.ROLLED_BACK : OperationState.SUCCEEDED;
                  return new Reply.Operation(
                      100 + i,
                      String.format("deploy svc-%03d p10e-mmc-20260519-d4-webhooks", i),
                      alice,
                      "staging",
                      String.format("staging/apps/deployment/svc-%03d", i),
                      state,
                      List.of(),
                      ended ? null : new Progress(3, 1 + i % 3, i % 3, i % 3),
                      Duration.ofSeconds(10 + i),
                      false,
                      List.of());
                })
            .sorted(java.util.Comparator.comparing(o -> o.state().isFinal()))
            .toList();
    return new Reply.Board(ops, closed);
  }
}
