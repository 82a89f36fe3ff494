package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.History;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.Timeline;
import dev.deckhand.commands.rollout.Revision;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /history}: the cluster's rollout revisions, then Deckhand's deploy timeline. Read-only.
 */
public final class HistoryHandler implements Handler<History> {
  static final int TIMELINE_ROWS = 10;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private final Cluster cluster;
  private final Timeline timeline;

  public HistoryHandler(Cluster cluster, Timeline timeline) {
    this.cluster = cluster;
    this.timeline = timeline;
  }

  @Override
  public void handle(History h, Request request) {
    List<String> lines = new ArrayList<>();
    for (Revision r : cluster.history(h.target())) {
      lines.add(
          "revision "
              + r.number()
              + (r.current() ? " (current)" : "")
              + ": "
              + ImageRef.parse(r.image()).tag()
              + (r.changeCause() == null || r.changeCause().isEmpty()
                  ? ""
                  : " — " + r.changeCause()));
    }
    List<Timeline.Entry> recent =
        timeline.recent(h.service().name(), h.environment().name(), TIMELINE_ROWS);
    lines.add(
        recent.isEmpty() ? "no deploys recorded by Deckhand yet" : "recent operations (UTC):");
    for (Timeline.Entry e : recent) {
      lines.add(
          WHEN.format(e.at())
              + " op "
              + e.operationId()
              + " "
              + e.actor().displayName()
              + " "
              + e.kind()
              + " "
              + tag(e.oldImage())
              + " → "
              + tag(e.newImage())
              + ": "
              + e.result()
              + " in "
              + e.duration().toSeconds()
              + " s");
    }
    request
        .conversation()
        .answer(
            new Reply.Listing(
                "History of " + h.service().name() + " in " + h.environment().name(), lines));
  }

  private static String tag(String image) {
    return image == null || image.isEmpty() ? "?" : ImageRef.parse(image).tag();
  }
}
