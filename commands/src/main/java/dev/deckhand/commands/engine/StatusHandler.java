package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Status;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import dev.deckhand.commands.rollout.RolloutVerdict;
import java.util.ArrayList;
import java.util.List;

/** {@code /status}: one line per service: image, replica counts, rollout verdict. Read-only. */
public final class StatusHandler implements Handler<Status> {
  private final Catalog catalog;
  private final Cluster cluster;

  public StatusHandler(Catalog catalog, Cluster cluster) {
    this.catalog = catalog;
    this.cluster = cluster;
  }

  @Override
  public void handle(Status s, Request request) {
    String env = s.environment().name();
    List<ServiceSpec> services =
        s.service()
            .map(List::of)
            .orElseGet(
                () ->
                    catalog.services().values().stream()
                        .filter(x -> x.target(env).isPresent())
                        .toList());
    List<String> lines = new ArrayList<>();
    for (ServiceSpec service : services) {
      Target t = service.target(env).orElseThrow();
      lines.add(service.name() + ": " + describe(t));
    }
    if (lines.isEmpty()) {
      lines.add("no service runs in " + env);
    }
    request.conversation().answer(new Reply.Listing("Status in " + env, lines));
  }

  private String describe(Target t) {
    try {
      RolloutSnapshot snap = cluster.read(t);
      var st = snap.status();
      RolloutVerdict v = RolloutVerdict.of(t.deployment(), st);
      String verdict =
          v instanceof RolloutVerdict.Complete
              ? "rolled out"
              : (v instanceof RolloutVerdict.Failed ? "FAILED: " : "rolling: ") + v.message();
      return String.format(
          "%s (container %s) %s, %d/%d ready, %d available, revision %d, %s",
          t.deployment(),
          t.container(),
          ImageRef.parse(snap.image()).tag(),
          st.readyReplicas(),
          st.specReplicas(),
          st.availableReplicas(),
          snap.revision(),
          verdict);
    } catch (ClusterException e) {
      return "unreadable: " + e.getMessage();
    }
  }
}
