package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.Timeline;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends an operation whatever happened: an unexpected error fails the running step with a reference,
 * the timeline and the audit trail get the result, and the live message its final state.
 */
public final class Recorder {
  private static final Logger log = LoggerFactory.getLogger(Recorder.class);

  private final Timeline timeline;
  private final AuditLog audit;
  private final Clock clock;

  public Recorder(Timeline timeline, AuditLog audit, Clock clock) {
    this.timeline = timeline;
    this.audit = audit;
    this.clock = clock;
  }

  /** Completes when the final state is recorded and delivered. */
  CompletableFuture<Void> finish(
      OperationRun run,
      CompletableFuture<OperationState> flow,
      String service,
      String oldImage,
      java.util.function.Supplier<String> newImage) {
    return flow.exceptionally(e -> failed(run, e))
        .thenCompose(
            state -> {
              run.skipPending("");
              var view = run.view();
              timeline.record(
                  new Timeline.Entry(
                      run.id(),
                      view.summary().split(" ", 2)[0],
                      view.actor(),
                      service,
                      view.environment(),
                      oldImage,
                      newImage.get(),
                      run.elapsed(),
                      state.word(),
                      clock.instant()));
              audit.append(
                  view.actor(),
                  "result",
                  service,
                  view.environment(),
                  run.id(),
                  view.summary()
                      + ": "
                      + state.word()
                      + " after "
                      + run.elapsed().toSeconds()
                      + " s");
              return run.end(state);
            })
        .exceptionally(
            e -> {
              log.error("op {} could not be recorded or reported", run.id(), e);
              return null;
            });
  }

  private static OperationState failed(OperationRun run, Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    String reference = UUID.randomUUID().toString().substring(0, 8);
    boolean userSafe =
        cause instanceof dev.deckhand.commands.ports.ClusterException
            || cause instanceof dev.deckhand.commands.ports.RegistryException;
    String detail = userSafe ? cause.getMessage() : "internal error, reference " + reference;
    if (!userSafe) {
      log.error("internal error {} in op {}", reference, run.id(), cause);
    }
    run.view().steps().stream()
        .filter(s -> s.state() == StepState.RUNNING)
        .forEach(s -> run.step(s.name(), StepState.FAILED, detail));
    run.detail(new Reply.Text("Operation " + run.id() + " failed: " + detail));
    return OperationState.FAILED;
  }
}
