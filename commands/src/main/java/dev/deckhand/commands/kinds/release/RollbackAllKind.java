package dev.deckhand.commands.kinds.release;

import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.command.RollbackAll;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.release.ReleaseParams.Entry;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Timeline;
import dev.deckhand.commands.rollout.Revision;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /rollback-all}: finds the last successful {@code /deploy-all} of the environment in the
 * timeline (one entry per service it changed, with the image before and after), and rolls every
 * service that still runs what it set back to the revision that ran the image before, in reverse
 * wave order (a wave's services in parallel). A service deployed again since is left alone. Stops
 * at the first failed wave.
 */
public final class RollbackAllKind extends ReleaseKind<RollbackAll> {
  public static final Registration REGISTRATION =
      new Registration(RollbackAll.SPEC, RollbackAllKind::new);

  /** How many timeline entries of a service are searched for the last release. */
  private static final int HISTORY = 50;

  private final Timeline timeline;

  public RollbackAllKind(Tools tools) {
    super(tools, false);
    this.timeline = tools.timeline();
  }

  @Override
  public String name() {
    return "rollback-all";
  }

  @Override
  public Class<RollbackAll> command() {
    return RollbackAll.class;
  }

  @Override
  public Proposal<ReleaseParams> propose(RollbackAll r) {
    String env = r.environment().name();
    Map<String, Timeline.Entry> released = new java.util.HashMap<>();
    long newest = 0;
    for (ServiceSpec s : r.services()) {
      Optional<Timeline.Entry> last =
          timeline.recent(s.name(), env, HISTORY).stream()
              .filter(e -> e.kind().equals("deploy-all"))
              .filter(e -> e.result().equals(OperationState.SUCCEEDED.word()))
              .findFirst();
      if (last.isPresent()) {
        released.put(s.name(), last.get());
        newest = Math.max(newest, last.get().operationId());
      }
    }
    if (newest == 0) {
      throw new UsageException(
          "no successful /deploy-all in " + env + " is recorded; nothing to roll back",
          "/history <service> --env "
              + env
              + " shows what ran; /rollback <service> rolls one back");
    }
    long release = newest;
    List<String> since = new ArrayList<>();
    List<String> gone = new ArrayList<>();
    List<List<ServiceSpec>> reversed = new ArrayList<>(r.waves());
    Collections.reverse(reversed);
    List<Entry> entries =
        numbered(
            reversed,
            (s, wave) -> {
              Timeline.Entry e = released.get(s.name());
              if (e == null || e.operationId() != release) {
                return Optional.empty();
              }
              Target t = s.target(env).orElseThrow();
              RolloutSnapshot now = cluster.read(t);
              if (!now.image().equals(e.newImage())) {
                since.add(s.name());
                return Optional.empty();
              }
              Deployments.refuseIfPaused(now, s.name(), env, "rollback-all");
              Optional<Revision> before =
                  cluster.history(t).stream()
                      .filter(h -> !h.current() && h.image().equals(e.oldImage()))
                      .reduce((a, b) -> b.number() > a.number() ? b : a);
              if (before.isEmpty()) {
                gone.add(s.name());
                return Optional.empty();
              }
              return Optional.of(
                  new Entry(
                      wave,
                      s.name(),
                      e.oldImage(),
                      now.image(),
                      now.revision(),
                      before.get().number()));
            });
    if (!gone.isEmpty()) {
      throw new UsageException(
          "the revision that ran before op "
              + release
              + " is no longer in the history of "
              + String.join(", ", gone)
              + "; nothing was changed",
          "/history <service> --env " + env + ", then /rollback <service> --to-revision N");
    }
    if (entries.isEmpty()) {
      throw new UsageException(
          "every service op "
              + release
              + " changed in "
              + env
              + " was changed again since ("
              + String.join(", ", since)
              + "); nothing to roll back",
          "/history <service> --env "
              + env
              + " shows what ran; /rollback <service> rolls one back");
    }
    ReleaseParams params = new ReleaseParams("op " + release, false, entries);
    List<StepRecord> steps = new ArrayList<>();
    steps.add(
        WavePlan.PLANNED.done(
            "find the last successful /deploy-all in " + env,
            "op "
                + release
                + " changed "
                + entries.size()
                + (entries.size() == 1 ? " service" : " services")
                + (since.isEmpty()
                    ? ""
                    : "; changed again since, left alone: " + String.join(", ", since))));
    for (Entry e : entries) {
      steps.addAll(
          this.steps.pending(
              e,
              ImageRef.parse(e.beforeImage()).tag()
                  + " → revision "
                  + e.toRevision()
                  + " ("
                  + ImageRef.parse(e.image()).tag()
                  + ")"));
    }
    return Proposal.of("rollback-all in " + env + " (release op " + release + ")", params, steps);
  }

  @Override
  public ReleaseParams replan(Plan<ReleaseParams> planned) {
    List<Entry> now = new ArrayList<>();
    for (Entry e : planned.params().entries()) {
      RolloutSnapshot s = now(e, planned.environment());
      now.add(new Entry(e.wave(), e.service(), e.image(), s.image(), s.revision(), e.toRevision()));
    }
    return new ReleaseParams(planned.params().asked(), false, now);
  }

  @Override
  public String canonical(ReleaseParams p) {
    return canonical(List.of(p.asked()), p, e -> Long.toString(e.toRevision()), e -> "");
  }

  @Override
  public Change change(Plan<ReleaseParams> plan, OperationState end) {
    return new Change(
        images(plan.params(), true),
        end == OperationState.SUCCEEDED
            ? images(plan.params(), false)
            : images(plan.params(), true));
  }

  /** A rollback that succeeded put older versions back. */
  @Override
  public boolean restoresOlder(OperationState end) {
    return end == OperationState.SUCCEEDED || end == OperationState.ROLLED_BACK;
  }
}
