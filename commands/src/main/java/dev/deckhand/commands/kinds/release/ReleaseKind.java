package dev.deckhand.commands.kinds.release;

import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.command.ReleaseCommand;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.kinds.Deployments;
import dev.deckhand.commands.kinds.release.ReleaseParams.Entry;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What {@code /deploy-all} and {@code /rollback-all} share: their parameters ({@link
 * ReleaseParams}), their steps ({@link WavePlan}) and how they run ({@link Waves}), the locks of
 * every service, and one timeline entry per service. Each kind keeps how it plans and re-plans, its
 * part of the plan hash and the difference in words.
 *
 * @param <C> the kind's command
 */
abstract class ReleaseKind<C extends ReleaseCommand> implements OperationKind<C, ReleaseParams> {
  protected final Cluster cluster;
  protected final WavePlan steps;
  private final Waves waves;

  /**
   * @param deploy true for {@code /deploy-all}, false for {@code /rollback-all}: see {@link
   *     WavePlan}
   */
  ReleaseKind(Tools tools, boolean deploy) {
    this.cluster = tools.cluster();
    this.steps = new WavePlan(deploy);
    this.waves = new Waves(tools, steps);
  }

  @Override
  public final Map<String, String> write(ReleaseParams p) {
    return p.write();
  }

  @Override
  public final ReleaseParams read(int version, Map<String, String> fields) {
    return ReleaseParams.read(version, fields);
  }

  /** The steps of a plan without services (none: see {@link #steps(ReleaseParams)}). */
  @Override
  public final List<Step> steps() {
    return List.of(WavePlan.PLANNED);
  }

  @Override
  public final List<Step> steps(ReleaseParams params) {
    return steps.steps(params);
  }

  @Override
  public final List<String> locked(Plan<ReleaseParams> plan) {
    return plan.params().entries().stream().map(Entry::service).toList();
  }

  @Override
  public final CompletableFuture<OperationState> run(
      OperationRun run, Plan<ReleaseParams> plan, Step from) {
    return waves.run(run, plan, from);
  }

  /** One timeline entry per service: what it ran, and the image the release set or put back. */
  @Override
  public final Map<String, Change> changes(Plan<ReleaseParams> plan, OperationState end) {
    Map<String, Change> out = new LinkedHashMap<>();
    for (Entry e : plan.params().entries()) {
      out.put(e.service(), new Change(e.beforeImage(), e.image()));
    }
    return out;
  }

  /**
   * The entries of the services of {@code waves}, in that order; a wave that gets none is left out,
   * so the waves of the entries are numbered from 1 without a gap.
   *
   * @param entry a service's entry in the wave numbered as given, or none to leave it out
   */
  static List<Entry> numbered(
      List<List<ServiceSpec>> waves, BiFunction<ServiceSpec, Integer, Optional<Entry>> entry) {
    List<Entry> entries = new ArrayList<>();
    int wave = 0;
    for (List<ServiceSpec> services : waves) {
      List<Entry> here = new ArrayList<>();
      for (ServiceSpec s : services) {
        entry.apply(s, wave + 1).ifPresent(here::add);
      }
      if (!here.isEmpty()) {
        wave++;
        entries.addAll(here);
      }
    }
    return entries;
  }

  /** What a service of a plan runs now (re-planning); refused when its deployment is paused. */
  final RolloutSnapshot now(Entry e, String environment) {
    RolloutSnapshot snapshot = cluster.read(waves.target(e.service(), environment));
    Deployments.refuseIfPaused(snapshot, e.service(), environment, name());
    return snapshot;
  }

  /**
   * The plan hash's text: {@code head}, then a line per service: its wave, its name, what it goes
   * to, what ran before (image and revision), and {@code tail}.
   *
   * @param to what the service goes to (an image, a revision)
   */
  static String canonical(
      List<String> head,
      ReleaseParams p,
      Function<Entry, String> to,
      Function<Entry, String> tail) {
    List<String> lines = new ArrayList<>(head);
    for (Entry e : p.entries()) {
      lines.add(
          String.join(
                  " ",
                  Integer.toString(e.wave()),
                  e.service(),
                  to.apply(e),
                  e.beforeImage(),
                  Long.toString(e.beforeRevision()))
              + tail.apply(e));
    }
    return String.join("\n", lines);
  }

  /**
   * What differs between two plans of the same services, in words: for the first service where it
   * does, what it goes to now ({@link #retargeted}), or that it was changed meanwhile ({@link
   * #moved}).
   */
  @Override
  public final String difference(ReleaseParams before, ReleaseParams now) {
    for (int i = 0; i < Math.min(before.entries().size(), now.entries().size()); i++) {
      Entry b = before.entries().get(i);
      Entry n = now.entries().get(i);
      Optional<String> retargeted = retargeted(b, n);
      if (retargeted.isPresent()) {
        return retargeted.get();
      }
      if (moved(b, n)) {
        return n.service() + " changed meanwhile (now revision " + n.beforeRevision() + ")";
      }
    }
    return "the plan changed";
  }

  /** What a service goes to now, in words, when that changed; nothing by default. */
  Optional<String> retargeted(Entry before, Entry now) {
    return Optional.empty();
  }

  /** Whether a service was changed since the plan was made: its revision by default. */
  boolean moved(Entry before, Entry now) {
    return before.beforeRevision() != now.beforeRevision();
  }

  /** Every service with the tag of its image before or after: {@code gateway v1, worker v1}. */
  static String images(ReleaseParams p, boolean before) {
    return String.join(
        ", ",
        p.entries().stream()
            .map(
                e -> e.service() + " " + ImageRef.parse(before ? e.beforeImage() : e.image()).tag())
            .toList());
  }
}
