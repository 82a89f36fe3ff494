package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.command.OperationCommand;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.util.ArrayList;
import java.util.List;

/**
 * The one handler of every operation kind's command: policy first (lock, freeze, break-glass),
 * before anything is read; then the kind's proposal; the approval step where the environment or a
 * destructive plan needs one; a dry run shows the plan; otherwise the {@link Gate} starts it.
 */
final class KindHandler<C extends OperationCommand, P> implements Handler<C> {
  private final OperationKind<C, P> kind;
  private final Gate gate;

  KindHandler(OperationKind<C, P> kind, Gate gate) {
    this.kind = kind;
    this.gate = gate;
  }

  @Override
  public void handle(C c, Request request) {
    EnvironmentSpec env = c.environment();
    for (var service : c.services()) {
      gate.precheck(service.name(), env, kind.name(), c.breakGlass(), request, c.dryRun());
    }
    Proposal<P> proposal = kind.propose(c);
    if (proposal.isNothingToDo()) {
      request.conversation().answer(proposal.nothingToDo());
      return;
    }
    boolean approval =
        c.breakGlass().isEmpty()
            && (env.needsApproval(kind.name())
                || (env.isProtected() && kind.destructive(proposal.params())));
    List<StepRecord> steps = withApproval(proposal.steps(), approval);
    if (c.dryRun()) {
      request
          .conversation()
          .answer(
              Plans.dryRun(proposal.summary(), env.name(), c.target(), proposal.notes(), steps));
      return;
    }
    Plan<P> plan =
        PlanCodec.hashed(
            kind,
            new Plan<>(
                kind.name(),
                proposal.summary(),
                c.service().name(),
                env.name(),
                c.target(),
                c.breakGlass(),
                "",
                proposal.params()));
    gate.launch(kind, plan, env, steps, approval, request);
  }

  /** The approval step goes after what was done while planning, before the first pending step. */
  private static List<StepRecord> withApproval(List<StepRecord> steps, boolean approval) {
    List<StepRecord> out = new ArrayList<>(steps);
    if (approval) {
      int i = 0;
      while (i < out.size() && out.get(i).state() == StepState.DONE) {
        i++;
      }
      out.add(i, Step.APPROVAL.pending("approval"));
    }
    return out;
  }
}
