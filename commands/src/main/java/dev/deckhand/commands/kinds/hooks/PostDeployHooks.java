package dev.deckhand.commands.kinds.hooks;

import dev.deckhand.commands.catalog.Hook;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.engine.HookRunner;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The post-deploy hooks as a step of a kind: listed only when the service has hooks in that
 * environment, run only after the deploy succeeded. A failed hook is reported on the step and under
 * the message; the operation still succeeded (hooks never roll back). The step is {@code REPEAT}: a
 * restart while hooks run calls them again, so hooks should be safe to call twice (a purge is).
 */
public final class PostDeployHooks {
  public static final Step HOOKS = Step.of("hooks", Step.Resume.REPEAT);

  private final HookRunner runner;

  public PostDeployHooks(HookRunner runner) {
    this.runner = runner;
  }

  /** The step as planned: the hooks it calls. */
  public static StepRecord pending(List<Hook> hooks) {
    return HOOKS.pending(
        "call "
            + (hooks.size() == 1 ? "hook " : "hooks ")
            + hooks.stream().map(Hook::name).collect(Collectors.joining(", "))
            + " after success");
  }

  /** Calls them; completes SUCCEEDED whatever they answer. */
  public CompletableFuture<OperationState> run(
      OperationRun run, List<Hook> hooks, String service, String environment, String image) {
    if (hooks.isEmpty()) {
      return CompletableFuture.completedFuture(OperationState.SUCCEEDED);
    }
    ImageRef ref = ImageRef.parse(image);
    Map<String, String> values =
        Map.of("service", service, "env", environment, "tag", ref.tag(), "image", image);
    run.step(HOOKS, StepState.RUNNING, "");
    return runner
        .run(hooks, values)
        .thenApply(
            outcomes -> {
              String summary =
                  outcomes.stream()
                      .map(o -> (o.ok() ? "✓ " : "✗ ") + o.hook() + ": " + o.detail())
                      .collect(Collectors.joining("; "));
              List<HookRunner.Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
              run.step(HOOKS, StepState.DONE, summary);
              if (!failed.isEmpty()) {
                run.detail(
                    new Reply.Listing(
                        (failed.size() == 1 ? "A hook failed" : failed.size() + " hooks failed")
                            + "; the deploy stands (hooks never roll back):",
                        failed.stream().map(o -> o.hook() + ": " + o.detail()).toList()));
              }
              return OperationState.SUCCEEDED;
            });
  }
}
