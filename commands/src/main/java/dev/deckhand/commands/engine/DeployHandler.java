package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Deploy;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /deploy}: policy (lock, freeze, break-glass), preflight and resolve — nothing changes if
 * any of them refuses — then either an approval request or the {@link DeployExecution}.
 */
public final class DeployHandler implements Handler<Deploy> {
  private final Cluster cluster;
  private final ImageResolver resolver;
  private final Gate gate;

  DeployHandler(Cluster cluster, ImageResolver resolver, Gate gate) {
    this.cluster = cluster;
    this.resolver = resolver;
    this.gate = gate;
  }

  @Override
  public void handle(Deploy d, Request request) {
    Target target = d.target();
    String service = d.service().name();
    gate.precheck(service, d.environment(), "deploy", d.breakGlass(), request, d.dryRun());
    RolloutSnapshot before = cluster.read(target);
    ImageRef image = resolver.resolve(d.service(), d.tag());
    if (image.pinned().equals(before.image())) {
      request
          .conversation()
          .answer(
              new Reply.Text(
                  service
                      + " in "
                      + d.environment().name()
                      + " already runs "
                      + image.pinned()
                      + "; nothing to do."));
      return;
    }
    String summary = "deploy " + service + " " + image.tag();
    boolean approval = gate.needsApproval(d.environment(), "deploy", d.breakGlass());
    List<StepRecord> plan = plan(d, before, image, approval);
    if (d.dryRun()) {
      request.conversation().answer(Plans.dryRun(summary, d.environment().name(), target, plan));
      return;
    }
    OpParams p =
        new OpParams(
            summary,
            service,
            d.environment().name(),
            target,
            image.pinned(),
            0,
            before.image(),
            before.revision(),
            "",
            d.breakGlass());
    gate.launch(
        "deploy",
        p.withPlan(p.image(), p.beforeImage(), p.beforeRevision(), Replanner.hash(p)),
        d.environment(),
        plan,
        approval,
        request);
  }

  private static List<StepRecord> plan(
      Deploy d, RolloutSnapshot before, ImageRef image, boolean approval) {
    Target t = d.target();
    List<StepRecord> steps = new ArrayList<>();
    steps.add(
        Plans.done(
            "preflight",
            "read deployment " + t.namespace() + "/" + t.deployment() + " in " + t.cluster(),
            "revision " + before.revision() + ", running " + ImageRef.parse(before.image()).tag()));
    steps.add(
        Plans.done("resolve", "resolve " + d.tag().text() + " in the registry", image.shortForm()));
    if (approval) {
      steps.add(Plans.pending("approval", "approval"));
    }
    steps.add(Plans.pending("set-image", "set container " + t.container() + " to " + image.tag()));
    steps.add(Plans.pending("rollout", "roll out " + before.status().specReplicas() + " replicas"));
    int checks = d.service().checks(d.environment().name()).size();
    steps.add(
        Plans.pending(
            "verify", "verify health (" + checks + (checks == 1 ? " check)" : " checks)")));
    steps.add(
        Plans.pending(
            "rollback",
            d.environment().autoRollback()
                ? "roll back to revision " + before.revision() + " if anything fails"
                : "no automatic rollback in " + d.environment().name()));
    steps.add(Plans.pending("rollback-rollout", "watch the rollback"));
    return steps;
  }
}
