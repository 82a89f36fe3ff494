package dev.deckhand.commands.kinds;

import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.Pause;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * What the kinds acting on one Deployment share: the preflight step, the refusal of a paused
 * deployment, and the check a resumed step makes that the deployment still runs what it expects.
 */
public final class Deployments {
  /** The read made while planning. */
  public static final Step PREFLIGHT = Step.of("preflight", Step.Resume.PLANNED);

  private static final DateTimeFormatter HHMM =
      DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private Deployments() {}

  /** The preflight step as done: what was read, and what runs. */
  public static StepRecord preflight(Target t, RolloutSnapshot before) {
    return PREFLIGHT.done(
        "read deployment " + t.namespace() + "/" + t.deployment() + " in " + t.cluster(),
        "revision " + before.revision() + ", running " + ImageRef.parse(before.image()).tag());
  }

  /**
   * Refuses to act on a paused deployment: its rollout would wait out the progress deadline and
   * fail, then fail its own rollback.
   */
  public static void refuseIfPaused(
      RolloutSnapshot now, String service, String environment, String command) {
    Pause pause = now.pause();
    if (!pause.paused()) {
      return;
    }
    String since = since(pause);
    throw new UsageException(
        service
            + " in "
            + environment
            + " is paused"
            + (since.isEmpty() ? "" : " since " + since)
            + (pause.by().isEmpty() ? "" : " by " + pause.by())
            + "; /"
            + command
            + " would wait for a rollout that cannot start, so nothing was changed",
        "/resume " + service + " --env " + environment + " first");
  }

  private static String since(Pause pause) {
    if (pause.since().isEmpty()) {
      return "";
    }
    try {
      return HHMM.format(Instant.parse(pause.since()));
    } catch (DateTimeParseException e) {
      return pause.since();
    }
  }

  /**
   * After a restart, the deployment must still carry the image {@code step} was about; if someone
   * or something changed it meanwhile, carrying on would report on (or undo) another change. Then
   * the operation stops at {@code step} and this returns true.
   */
  public static boolean changedMeanwhile(
      OperationRun run, Cluster cluster, Target target, Step step, String expected) {
    String now = cluster.read(target).image();
    if (now.equals(expected)) {
      return false;
    }
    run.stop(
        step,
        "the deployment no longer runs "
            + ImageRef.parse(expected).shortForm()
            + " (now "
            + ImageRef.parse(now).shortForm()
            + "); it changed while this operation waited, so nothing more was done");
    return true;
  }

  /** The deployment's generation now (what a re-attached watch waits for). */
  public static long generation(Cluster cluster, Target target) {
    return cluster.read(target).status().generation();
  }
}
