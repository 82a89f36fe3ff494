package dev.deckhand.commands.kind;

import dev.deckhand.commands.command.OperationCommand;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.parse.CommandSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One kind of operation (deploy, rollback, restart, …): the one extension point through which the
 * engine, approvals, resume, recording and live messages serve every kind without naming any (ADR
 * 0009). A kind is stateless and thread-safe; the engine builds it once from {@link Tools}.
 *
 * <p>The engine owns everything around a kind: the policy checks (grant, channel, lock, freeze,
 * break-glass), the approval step and its votes, storing the plan, the live message, where a
 * resumed operation carries on (from its {@link Step}s' resume rules), and the one transaction that
 * ends it (state, timeline, audit, lock). A kind plans, re-plans, and runs its steps.
 *
 * @param <C> its command
 * @param <P> its typed parameters, stored as versioned fields
 */
public interface OperationKind<C extends OperationCommand, P> {

  /** How a kind joins the engine: its command's grammar and how to build it. */
  record Registration(CommandSpec spec, Function<Tools, OperationKind<?, ?>> factory) {}

  /** Its name: stored with every operation, and the grant action ({@code deploy:prod}). */
  String name();

  /**
   * The grant action its command needs ({@code deploy:prod}), checked again at quorum: its name by
   * default; a kind serving another kind's command under its own name (a blue-green or canary
   * {@code /deploy}) says so.
   */
  default String action() {
    return name();
  }

  /** The command it serves. */
  Class<C> command();

  /** The version its {@link #write} writes; {@link #read} reads this one and every older one. */
  default int version() {
    return 1;
  }

  /** Its parameters as stored fields (names other than the engine's: see ADR 0009). */
  Map<String, String> write(P params);

  /**
   * Its parameters from stored fields written by {@code version}.
   *
   * @throws IllegalArgumentException for a version it does not know
   */
  P read(int version, Map<String, String> fields);

  /**
   * Plans the command: reads the world (blocking reads are fine; this runs on a worker), refuses
   * with {@link dev.deckhand.commands.parse.UsageException} or a cluster/registry exception, or
   * proposes an operation (or nothing to do). Changes nothing.
   */
  Proposal<P> propose(C command);

  /**
   * The plan as it would run now (at quorum, and when a resume finds nothing changed yet): reads
   * the world again. Throws {@link dev.deckhand.commands.parse.UsageException} when it can no
   * longer run (the tag vanished, the deployment was paused).
   */
  P replan(Plan<P> planned);

  /**
   * The text its part of the plan hash is computed from: everything the operation would change and
   * what it starts from. Two plans with the same text are the same plan to an approver.
   */
  String canonical(P params);

  /** What differs between two plans, in words ("the tag now points to …"). */
  String difference(P before, P now);

  /** Destructive: needs approval in a protected environment even where the action is exempt. */
  default boolean destructive(P params) {
    return false;
  }

  /**
   * Whether {@code /cancel} may stop it while it runs: the kind then checks {@link
   * OperationRun#stopRequested} at its safe points (between a canary's judgements) and ends through
   * its compensation, in state {@code cancelled}. False by default: the operation runs to its end.
   */
  default boolean stoppable() {
    return false;
  }

  /** Its steps, in plan order; {@link Step#APPROVAL} excluded. */
  List<Step> steps();

  /**
   * Its steps for one plan, by which the engine reads the stored ones: a kind whose steps depend on
   * the plan (one per service of a release) overrides this; {@link #steps()} by default.
   */
  default List<Step> steps(P params) {
    return steps();
  }

  /**
   * The services whose locks (in the plan's environment) the operation takes before it runs and
   * holds until it ends; the end releases all of them in its one transaction. The plan's service by
   * default; a kind acting on several services (a release) names them all.
   */
  default List<String> locked(Plan<P> plan) {
    return List.of(plan.service());
  }

  /**
   * Runs the operation from {@code from}, the step the engine chose (the first unfinished one, or
   * after a recorded failure the first unfinished compensating one), to its end. Never holds a
   * thread while waiting. Each step it starts it reports with {@link OperationRun#step}.
   *
   * @return the state the operation ended in
   */
  CompletableFuture<OperationState> run(OperationRun run, Plan<P> plan, Step from);

  /** Shows a re-plan at quorum in the operation's steps (a new digest); nothing by default. */
  default void showReplan(OperationRun run, P now) {}

  /** What the timeline records: what ran before, and after the operation ended in {@code end}. */
  Change change(Plan<P> plan, OperationState end);

  /**
   * For a kind acting on several services (a release): what the timeline records for each, service
   * name → change, one entry per service in the one ending transaction. Empty by default: the one
   * entry of {@link #change} for the plan's service.
   */
  default Map<String, Change> changes(Plan<P> plan, OperationState end) {
    return Map.of();
  }

  /**
   * Whether ending in {@code end} put an older version back (an automatic or asked-for rollback):
   * where the environment says so, the service then stays locked until {@code /unlock}.
   */
  default boolean restoresOlder(OperationState end) {
    return end == OperationState.ROLLED_BACK;
  }

  /** Before and after, for the timeline (images, or another short description). */
  record Change(String before, String after) {}
}
