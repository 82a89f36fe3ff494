package dev.deckhand.commands.kinds.release;

import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.command.RollbackAll;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.release.ReleaseParams.Entry;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.Revision;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /rollback-all}: finds the newest {@code /deploy-all} whose images still run in the
 * environment (from the change-cause it wrote on every revision it set, so nothing but the cluster
 * is read), and rolls every service it changed back to the revision before, in reverse wave order
 * (a wave's services in parallel). Stops at the first failed wave.
 */
public final class RollbackAllKind implements OperationKind<RollbackAll, ReleaseParams> {
  public static final Registration REGISTRATION =
      new Registration(RollbackAll.SPEC, RollbackAllKind::new);

  /** The change-cause a {@code /deploy-all} writes: {@code deckhand op 12: … (deploy-all)}. */
  private static final Pattern RELEASED = Pattern.compile("deckhand op (\\d+): .*\\(deploy-all\\)");

  private final Cluster cluster;
  private final Waves waves;

  public RollbackAllKind(Tools tools) {
    this.cluster = tools.cluster();
    this.waves = new Waves(tools, false);
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
  public Map<String, String> write(ReleaseParams p) {
    return p.write();
  }

  @Override
  public ReleaseParams read(int version, Map<String, String> fields) {
    return ReleaseParams.read(version, fields);
  }

  @Override
  public List<Step> steps() {
    return List.of(Waves.PLANNED);
  }

  @Override
  public List<Step> steps(ReleaseParams params) {
    return waves.steps(params);
  }

  @Override
  public List<String> locked(Plan<ReleaseParams> plan) {
    return plan.params().entries().stream().map(Entry::service).toList();
  }

  /** A service the newest release set: its revision before, from the history. */
  private record Released(ServiceSpec service, long op, RolloutSnapshot now, Revision previous) {}

  @Override
  public Proposal<ReleaseParams> propose(RollbackAll r) {
    String env = r.environment().name();
    List<List<Released>> found = new ArrayList<>();
    long newest = 0;
    for (List<ServiceSpec> wave : r.waves()) {
      List<Released> here = new ArrayList<>();
      for (ServiceSpec s : wave) {
        Target t = s.target(env).orElseThrow();
        RolloutSnapshot now = cluster.read(t);
        List<Revision> history = cluster.history(t);
        Optional<Revision> current = history.stream().filter(Revision::current).findFirst();
        if (current.isEmpty()) {
          continue;
        }
        Matcher m = RELEASED.matcher(current.get().changeCause());
        if (!m.find()) {
          continue;
        }
        Optional<Revision> previous =
            history.stream().filter(h -> h.number() < current.get().number()).reduce((a, b) -> b);
        if (previous.isEmpty()) {
          continue;
        }
        long op = Long.parseLong(m.group(1));
        newest = Math.max(newest, op);
        here.add(new Released(s, op, now, previous.get()));
      }
      found.add(here);
    }
    if (newest == 0) {
      throw new UsageException(
          "no service in " + env + " runs what a /deploy-all set; nothing to roll back",
          "/history <service> --env "
              + env
              + " shows what ran; /rollback <service> rolls one back");
    }
    List<Entry> entries = new ArrayList<>();
    int wave = 0;
    for (int i = found.size() - 1; i >= 0; i--) {
      long release = newest;
      List<Released> here = found.get(i).stream().filter(x -> x.op() == release).toList();
      if (here.isEmpty()) {
        continue;
      }
      wave++;
      for (Released x : here) {
        Deployments.refuseIfPaused(x.now(), x.service().name(), env, "rollback-all");
        entries.add(
            new Entry(
                wave,
                x.service().name(),
                x.previous().image(),
                x.now().image(),
                x.now().revision(),
                x.previous().number()));
      }
    }
    ReleaseParams params = new ReleaseParams("op " + newest, false, entries);
    List<StepRecord> steps = new ArrayList<>();
    steps.add(
        Waves.PLANNED.done(
            "find the newest /deploy-all in " + env,
            "op " + newest + " changed " + entries.size() + " of the services that run there"));
    for (Entry e : entries) {
      String who = "wave " + e.wave() + " · " + e.service() + ": ";
      steps.add(
          waves
              .apply(e)
              .pending(
                  who
                      + ImageRef.parse(e.beforeImage()).tag()
                      + " → revision "
                      + e.toRevision()
                      + " ("
                      + ImageRef.parse(e.image()).tag()
                      + ")"));
      steps.add(Waves.rollout(e).pending(who + "roll out"));
    }
    return Proposal.of("rollback-all in " + env + " (release op " + newest + ")", params, steps);
  }

  @Override
  public ReleaseParams replan(Plan<ReleaseParams> planned) {
    List<Entry> now = new ArrayList<>();
    for (Entry e : planned.params().entries()) {
      RolloutSnapshot s = cluster.read(waves.target(e.service(), planned.environment()));
      Deployments.refuseIfPaused(s, e.service(), planned.environment(), "rollback-all");
      now.add(new Entry(e.wave(), e.service(), e.image(), s.image(), s.revision(), e.toRevision()));
    }
    return new ReleaseParams(planned.params().asked(), false, now);
  }

  @Override
  public String canonical(ReleaseParams p) {
    List<String> lines = new ArrayList<>();
    lines.add(p.asked());
    for (Entry e : p.entries()) {
      lines.add(
          String.join(
              " ",
              Integer.toString(e.wave()),
              e.service(),
              Long.toString(e.toRevision()),
              e.beforeImage(),
              Long.toString(e.beforeRevision())));
    }
    return String.join("\n", lines);
  }

  @Override
  public String difference(ReleaseParams before, ReleaseParams now) {
    for (int i = 0; i < Math.min(before.entries().size(), now.entries().size()); i++) {
      Entry n = now.entries().get(i);
      if (before.entries().get(i).beforeRevision() != n.beforeRevision()) {
        return n.service() + " changed meanwhile (now revision " + n.beforeRevision() + ")";
      }
    }
    return "the plan changed";
  }

  @Override
  public CompletableFuture<OperationState> run(
      OperationRun run, Plan<ReleaseParams> plan, Step from) {
    return waves.run(run, plan, from);
  }

  @Override
  public Change change(Plan<ReleaseParams> plan, OperationState end) {
    return new Change(
        DeployAllKind.images(plan.params(), true),
        end == OperationState.SUCCEEDED
            ? DeployAllKind.images(plan.params(), false)
            : DeployAllKind.images(plan.params(), true));
  }

  /** A rollback that succeeded put older versions back. */
  @Override
  public boolean restoresOlder(OperationState end) {
    return end == OperationState.SUCCEEDED || end == OperationState.ROLLED_BACK;
  }
}
