package dev.deckhand.commands.kinds.apply;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Apply;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.manifest.Manifest;
import dev.deckhand.commands.manifest.ManifestException;
import dev.deckhand.commands.manifest.ManifestFiles;
import dev.deckhand.commands.manifest.ObjectChange;
import dev.deckhand.commands.model.Fingerprint;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ClusterException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /apply}: server-side applies a bundle's manifests (field manager {@code deckhand}) into
 * its namespace. The plan holds the SHA-256 of the files and the live diff, so an approval is for
 * exactly that content; when the files differ at run time nothing is applied. Never destructive: it
 * creates and changes objects, never deletes one (an object removed from the directory stays in the
 * cluster). Server-side apply is idempotent, so the apply step is repeatable.
 */
public final class ApplyKind implements OperationKind<Apply, ApplyKind.Params> {
  public static final Step PLAN = Step.of("plan", Step.Resume.PLANNED);
  public static final Step APPLY = Step.of("apply", Step.Resume.REPEAT);

  public static final Registration REGISTRATION = new Registration(Apply.SPEC, ApplyKind::new);

  /**
   * @param bundle the bundle's name
   * @param dir its directory
   * @param files the SHA-256 of its files' names and contents
   * @param summary "2 to create, 1 to change"
   * @param diff the per-object diff, one line each (objects and their changed fields)
   */
  public record Params(String bundle, String dir, String files, String summary, List<String> diff) {
    public Params {
      diff = List.copyOf(diff);
    }
  }

  private final Cluster cluster;
  private final Rollouts rollouts;

  public ApplyKind(Tools tools) {
    this.cluster = tools.cluster();
    this.rollouts = tools.rollouts();
  }

  @Override
  public String name() {
    return "apply";
  }

  @Override
  public Class<Apply> command() {
    return Apply.class;
  }

  @Override
  public Map<String, String> write(Params p) {
    Map<String, String> m = new HashMap<>();
    m.put("bundle", p.bundle());
    m.put("dir", p.dir());
    m.put("files", p.files());
    m.put("diffSummary", p.summary());
    m.put("diff", String.join("\n", p.diff()));
    return m;
  }

  @Override
  public Params read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("apply parameters of version " + version);
    }
    String diff = m.getOrDefault("diff", "");
    return new Params(
        m.get("bundle"),
        m.get("dir"),
        m.get("files"),
        m.get("diffSummary"),
        diff.isEmpty() ? List.of() : Arrays.asList(diff.split("\n", -1)));
  }

  @Override
  public List<Step> steps() {
    return List.of(PLAN, APPLY);
  }

  @Override
  public Proposal<Params> propose(Apply a) {
    String bundle = a.bundle().name();
    String env = a.environment().name();
    List<Manifest> files = files(a.bundle().dir());
    List<ObjectChange> changes = plan(a.target(), files, a.bundle().dir());
    Params p = params(bundle, a.bundle().dir(), files, changes);
    if (changes.stream().allMatch(c -> c.action() == ObjectChange.Action.UNCHANGED)) {
      return Proposal.nothingToDo(
          new Reply.Text(
              "bundle "
                  + bundle
                  + " in "
                  + env
                  + " already matches its "
                  + objects(changes.size())
                  + "; nothing to do."));
    }
    if (a.dryRun()) {
      List<String> lines = new ArrayList<>();
      lines.add(
          "target: namespace "
              + a.target().namespace()
              + " of cluster "
              + a.target().cluster()
              + " ("
              + p.summary()
              + ")");
      lines.addAll(p.diff());
      lines.add("dry run: nothing was changed");
      return Proposal.nothingToDo(new Reply.Listing("Plan: apply " + bundle + " in " + env, lines));
    }
    return Proposal.of(
        "apply " + bundle,
        p,
        List.of(
            PLAN.done("compare " + files.size() + " manifest files with the cluster", p.summary()),
            APPLY.pending(
                "server-side apply "
                    + objects(changes.size())
                    + " into "
                    + a.target().namespace()
                    + " (field manager deckhand)")));
  }

  @Override
  public Params replan(Plan<Params> planned) {
    Path dir = Path.of(planned.params().dir());
    List<Manifest> files = files(dir);
    return params(planned.params().bundle(), dir, files, plan(planned.target(), files, dir));
  }

  /** What is applied (the files) and what it starts from (the live diff). */
  @Override
  public String canonical(Params p) {
    return p.bundle() + "\n" + p.files() + "\n" + String.join("\n", p.diff());
  }

  @Override
  public String difference(Params before, Params now) {
    if (!before.files().equals(now.files())) {
      return "the manifests changed meanwhile (now " + now.summary() + ")";
    }
    return "the live objects changed meanwhile (now " + now.summary() + ")";
  }

  @Override
  public void showReplan(OperationRun run, Params now) {
    run.step(PLAN, StepState.DONE, now.summary());
  }

  @Override
  public Change change(Plan<Params> plan, OperationState end) {
    Params p = plan.params();
    String what = "bundle " + p.bundle() + " " + Fingerprint.shown(p.files());
    return new Change(
        "bundle " + p.bundle() + ": " + p.summary(),
        end == OperationState.SUCCEEDED ? what + " applied" : what + " not applied");
  }

  @Override
  public CompletableFuture<OperationState> run(OperationRun run, Plan<Params> plan, Step from) {
    if (!from.equals(APPLY)) {
      throw new IllegalArgumentException("an apply does not run from " + from.name());
    }
    Params p = plan.params();
    return rollouts.blocking(
        () -> {
          List<Manifest> files;
          try {
            files = ManifestFiles.read(Path.of(p.dir()));
          } catch (UncheckedIOException e) {
            run.stop(APPLY, "cannot read the manifests: " + e.getMessage() + "; nothing applied");
            return OperationState.FAILED;
          }
          if (!ManifestFiles.hash(files).equals(p.files())) {
            run.stop(
                APPLY,
                "the manifests changed since the plan; nothing applied. Run /apply "
                    + p.bundle()
                    + " again");
            return OperationState.FAILED;
          }
          run.step(APPLY, StepState.RUNNING, p.summary());
          run.detail(new Reply.Listing("Changes of op " + run.id() + ": " + p.summary(), p.diff()));
          try {
            cluster.applyManifests(plan.target(), files);
          } catch (ClusterException e) {
            run.step(APPLY, StepState.FAILED, e.getMessage());
            return OperationState.FAILED;
          }
          run.step(APPLY, StepState.DONE, "applied: " + p.summary());
          return OperationState.SUCCEEDED;
        });
  }

  private static List<Manifest> files(Path dir) {
    List<Manifest> files;
    try {
      files = ManifestFiles.read(dir);
    } catch (UncheckedIOException e) {
      throw new UsageException(
          e.getMessage(), "check that the bundle's dir: exists and Deckhand may read it");
    }
    if (files.isEmpty()) {
      throw new UsageException(
          "there are no *.yaml or *.yml files in " + dir, "add the bundle's manifests there");
    }
    return files;
  }

  private List<ObjectChange> plan(Target target, List<Manifest> files, Path dir) {
    try {
      return cluster.planManifests(target, files);
    } catch (ManifestException e) {
      throw new UsageException(e.getMessage() + " (in " + dir + ")", e.hint());
    }
  }

  private static Params params(
      String bundle, Path dir, List<Manifest> files, List<ObjectChange> changes) {
    List<String> diff = new ArrayList<>();
    changes.forEach(c -> diff.addAll(c.lines()));
    return new Params(
        bundle, dir.toString(), ManifestFiles.hash(files), ObjectChange.summary(changes), diff);
  }

  private static String objects(int n) {
    return n + (n == 1 ? " object" : " objects");
  }
}
