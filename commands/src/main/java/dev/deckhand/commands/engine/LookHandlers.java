package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.chat.Redactor;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Describe;
import dev.deckhand.commands.command.Events;
import dev.deckhand.commands.command.Logs;
import dev.deckhand.commands.command.Verify;
import dev.deckhand.commands.look.ClusterEvent;
import dev.deckhand.commands.look.Description;
import dev.deckhand.commands.look.PodLog;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ClusterException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The read-only look commands: {@code /logs}, {@code /events}, {@code /describe}, {@code /verify}.
 * Answers pass the engine's redacting conversation like every reply, and a log is redacted as a
 * whole first; a long log goes into a thread under a one-line header, in blocks a chat message can
 * hold.
 */
final class LookHandlers {
  /** Events shown by {@code /events}: the newest, as {@code kubectl get events} would. */
  static final int EVENTS = 30;

  /** Log lines answered in place; more go into a thread. */
  static final int INLINE_LINES = 15;

  /** Log lines per message in the thread. */
  static final int LINES_PER_POST = 100;

  /** Characters kept of one log line; a longer one is cut and marked. */
  static final int LINE_CHARS = 300;

  private LookHandlers() {}

  /**
   * @param redactor masks the log as a whole before it is cut into messages, so that a secret
   *     spanning lines (a PEM block) is masked whole even where it would straddle two messages
   */
  static Handler<Logs> logs(Cluster cluster, CrashLogs crashes, Redactor redactor) {
    return (l, request) -> {
      PodLog log;
      String title;
      try {
        log = cluster.logs(l.target(), l.query());
        title =
            "Logs of "
                + log.pod()
                + " ("
                + log.container()
                + (log.previous() ? ", previous instance" : "")
                + ") in "
                + l.environment().name();
      } catch (ClusterException e) {
        Optional<CrashLogs.Kept> kept = keptCrash(crashes, l, e);
        if (kept.isEmpty()) {
          throw e;
        }
        CrashLogs.Kept k = kept.get();
        log = new PodLog(k.pod(), k.container(), true, tail(k.lines(), l.query().tail()));
        title =
            "Logs of "
                + k.pod()
                + " ("
                + k.container()
                + ", the instance that failed op "
                + k.operationId()
                + " with "
                + k.reason()
                + "; the pod is gone, these lines were kept by Deckhand when it failed) in "
                + l.environment().name();
      }
      List<String> lines =
          redactor.redactLines(log.lines()).stream().map(LookHandlers::cut).toList();
      if (lines.isEmpty()) {
        request
            .conversation()
            .answer(
                new Reply.Text(
                    title
                        + ": no lines"
                        + (l.query().since().isPresent() ? " in that time" : "")
                        + "."));
        return;
      }
      if (lines.size() <= INLINE_LINES) {
        request.conversation().answer(new Reply.Listing(title, lines));
        return;
      }
      MessageRef header =
          request
              .conversation()
              .post(
                  new Reply.Text(title + ": the last " + lines.size() + " lines, in the thread."));
      for (int from = 0; from < lines.size(); from += LINES_PER_POST) {
        int to = Math.min(lines.size(), from + LINES_PER_POST);
        request
            .conversation()
            .postUnder(
                header,
                new Reply.Listing(
                    "lines " + (from + 1) + "–" + to + " of " + lines.size(),
                    lines.subList(from, to)));
      }
    };
  }

  /**
   * The crash kept for the target, when {@code --previous} found no previous instance in the
   * cluster (the failing pods went with the rollback) and the kept one is of the container asked
   * for; {@code --since} cannot be applied to kept lines, so it never falls back then.
   */
  private static Optional<CrashLogs.Kept> keptCrash(CrashLogs crashes, Logs l, ClusterException e) {
    if (!l.query().previous() || l.query().since().isPresent()) {
      return Optional.empty();
    }
    return crashes
        .latest(l.target())
        .filter(k -> l.query().container().map(c -> c.equals(k.container())).orElse(true));
  }

  private static List<String> tail(List<String> lines, int n) {
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }

  static Handler<Events> events(Cluster cluster, Clock clock) {
    return (e, request) -> {
      List<ClusterEvent> events = cluster.events(e.target(), EVENTS);
      String title = "Events of " + e.target().deployment() + " in " + e.environment().name();
      if (events.isEmpty()) {
        request
            .conversation()
            .answer(
                new Reply.Text(
                    title + ": none (the API server keeps events for an hour by default)."));
        return;
      }
      List<String> lines = new ArrayList<>();
      for (ClusterEvent ev : events) {
        Duration age = Duration.between(ev.at(), clock.instant());
        lines.add(
            Durations.words(age.isNegative() ? Duration.ZERO : age)
                + " ago · "
                + ev.type()
                + " "
                + ev.reason()
                + " · "
                + ev.object()
                + (ev.count() > 1 ? " (×" + ev.count() + ")" : "")
                + ": "
                + cut(ev.message()));
      }
      request.conversation().answer(new Reply.Listing(title + ", newest first", lines));
    };
  }

  static Handler<Describe> describe(Cluster cluster) {
    return (d, request) -> {
      Description desc = cluster.describe(d.target());
      request
          .conversation()
          .answer(
              new Reply.Listing(
                  "Deployment " + desc.deployment() + " in " + d.environment().name(),
                  lines(desc)));
    };
  }

  /**
   * Runs the service's checks in that environment now; the answer comes when they end (no thread
   * waits meanwhile).
   */
  static Handler<Verify> verify(Verifier verifier, dev.deckhand.commands.ports.Cluster cluster) {
    return (v, request) -> {
      String env = v.environment().name();
      List<HealthCheck> checks = v.service().checks(env);
      String where = v.service().name() + " in " + env;
      var bg = v.service().blueGreenSpec();
      var target = v.service().target(env);
      if (bg.isPresent() && target.isPresent() && !checks.isEmpty()) {
        // A blue-green service is served by its live colour: the checks naming {deployment}
        // reach that colour's deployment, not the catalog's.
        var t = target.get();
        String live =
            dev.deckhand.commands.kinds.bluegreen.Colours.live(
                cluster.serviceSelector(t, bg.get().service()));
        if (!live.equals(dev.deckhand.commands.kinds.bluegreen.Colours.ORIGINAL)) {
          dev.deckhand.commands.model.Target colour =
              dev.deckhand.commands.kinds.bluegreen.Colours.of(t, live);
          checks =
              checks.stream()
                  .map(c -> c.names("deployment") ? c.at(env, colour, bg.get().service()) : c)
                  .toList();
          where +=
              " (traffic on " + dev.deckhand.commands.kinds.bluegreen.Colours.name(t, live) + ")";
        }
      }
      List<HealthCheck> run = checks;
      String said = where;
      if (checks.isEmpty()) {
        request
            .conversation()
            .answer(
                new Reply.Problem(
                    where + " has no health checks",
                    "add verify: to the service or its target in the catalog"
                        + " (docs/configuration.md)"));
        return;
      }
      verifier
          .verify(run)
          .whenComplete(
              (failures, error) -> {
                if (error != null) {
                  request
                      .conversation()
                      .answer(new Reply.Problem("could not verify " + said, error.toString()));
                } else if (failures.isEmpty()) {
                  request
                      .conversation()
                      .answer(
                          new Reply.Text(
                              said
                                  + " is healthy: "
                                  + run.size()
                                  + (run.size() == 1 ? " check" : " checks")
                                  + " passed."));
                } else {
                  request
                      .conversation()
                      .answer(
                          new Reply.Listing(
                              said
                                  + " is NOT healthy: "
                                  + failures.size()
                                  + " of "
                                  + run.size()
                                  + (run.size() == 1 ? " check" : " checks")
                                  + " failed",
                              failures));
                }
              });
    };
  }

  static List<String> lines(Description d) {
    List<String> lines = new ArrayList<>();
    Description.Replicas r = d.replicas();
    lines.add(
        "replicas: "
            + r.desired()
            + " desired, "
            + r.updated()
            + " updated, "
            + r.ready()
            + " ready, "
            + r.available()
            + " available");
    lines.add(
        "generation "
            + d.generation()
            + (d.observedGeneration() < d.generation()
                ? " (controller has seen " + d.observedGeneration() + ")"
                : " (observed)")
            + (d.paused() ? " · PAUSED: /resume lets it roll again" : ""));
    for (Description.Condition c : d.conditions()) {
      lines.add(
          "condition "
              + c.type()
              + "="
              + c.status()
              + (c.reason() == null || c.reason().isEmpty() ? "" : " (" + c.reason() + ")")
              + (c.message() == null || c.message().isEmpty() ? "" : ": " + cut(c.message())));
    }
    for (Description.Image i : d.images()) {
      lines.add("container " + i.container() + ": " + i.image());
    }
    if (d.pods().isEmpty()) {
      lines.add("no pods");
    }
    for (Description.PodState p : d.pods()) {
      lines.add(
          "pod "
              + p.name()
              + ": "
              + p.state()
              + (p.ready() ? ", ready" : ", not ready")
              + ", "
              + p.restarts()
              + (p.restarts() == 1 ? " restart" : " restarts")
              + (p.imageIds().isEmpty() ? "" : ", runs " + String.join(", ", p.imageIds())));
    }
    return lines;
  }

  private static String cut(String line) {
    return line.length() <= LINE_CHARS ? line : line.substring(0, LINE_CHARS) + " …(cut)";
  }
}
