package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Invents plausible container logs from a pod's image tag, the way {@code GET
 * /api/v1/namespaces/{ns}/pods/{pod}/log} would return them. Deterministic for a given pod.
 * Thread-safe.
 */
final class PodLogs {

  /** An answer of the log endpoint: the text, or an HTTP error with a Kubernetes message. */
  record Answer(int code, String body) {
    static Answer error(int code, String message) {
      return new Answer(code, message);
    }
  }

  Answer logs(Pod pod, String containerName, boolean previous, int tailLines) {
    List<Container> containers = pod.getSpec().getContainers();
    String podName = pod.getMetadata().getName();
    Container container;
    if (containerName == null) {
      if (containers.size() != 1) {
        return Answer.error(
            400,
            "a container name must be specified for pod "
                + podName
                + ", choose one of: "
                + containers.stream().map(Container::getName).toList().toString().replace(",", ""));
      }
      container = containers.get(0);
    } else {
      container =
          containers.stream()
              .filter(c -> c.getName().equals(containerName))
              .findFirst()
              .orElse(null);
      if (container == null) {
        return Answer.error(400, "container " + containerName + " is not valid for pod " + podName);
      }
    }
    FailureMode mode = FailureMode.ofImage(container.getImage());
    boolean crashing = mode == FailureMode.CRASH || mode == FailureMode.OOM;
    if (mode == FailureMode.PULL_FAIL) {
      return Answer.error(
          400,
          "container \""
              + container.getName()
              + "\" in pod \""
              + podName
              + "\" is waiting to start: trying and failing to pull image");
    }
    if (previous && !crashing) {
      return Answer.error(
          400,
          "previous terminated container \""
              + container.getName()
              + "\" in pod \""
              + podName
              + "\" not found");
    }
    Map<String, String> labels = pod.getMetadata().getLabels();
    List<String> lines =
        labels != null && labels.containsKey(JobSync.JOB_NAME)
            ? migration(container.getImage(), started(pod))
            : lines(mode, container.getImage(), started(pod));
    int from = tailLines < 0 ? 0 : Math.max(0, lines.size() - tailLines);
    StringBuilder body = new StringBuilder();
    lines.subList(from, lines.size()).forEach(line -> body.append(line).append('\n'));
    return new Answer(200, body.toString());
  }

  private static Instant started(Pod pod) {
    Instant created = SimTime.parse(pod.getMetadata().getCreationTimestamp());
    return created == null ? Instant.EPOCH : created;
  }

  private static List<String> lines(FailureMode mode, String image, Instant start) {
    Log log = new Log(start);
    String app = FailureMode.repositoryOf(image);
    app = app.substring(app.lastIndexOf('/') + 1);
    log.info("starting " + app + " version=" + FailureMode.tagOf(image));
    log.info("loading configuration from /etc/" + app + "/config.yaml");
    switch (mode) {
      case CRASH -> {
        log.error("config key DATABASE_URL missing");
        log.raw("panic: config key DATABASE_URL missing");
        log.raw("");
        log.raw("goroutine 1 [running]:");
        log.raw("main.mustConfig({0xc000012345, 0xc})");
        log.raw("\t/src/internal/config/config.go:57 +0x1d4");
        log.raw("main.main()");
        log.raw("\t/src/cmd/server/main.go:23 +0x1a5");
      }
      case OOM -> {
        log.info("loading embeddings index into memory (2.3 GiB)");
        log.warn("heap usage 498Mi of 512Mi limit");
        log.raw("fatal error: runtime: out of memory");
        log.raw("");
        log.raw("runtime stack:");
        log.raw("runtime.throw({0x1a2b3c4, 0x16})");
        log.raw("\t/usr/local/go/src/runtime/panic.go:1047 +0x5d");
      }
      case SLOW -> {
        log.info("connected to database host=postgres port=5432");
        for (int percent = 5; percent <= 40; percent += 5) {
          log.info("warming up cache: " + percent + "% (readiness probe will fail until done)");
        }
      }
      case UNHEALTHY -> {
        log.info("connected to database host=postgres port=5432");
        log.info("listening on :8080");
        for (int i = 0; i < 10; i++) {
          log.warn("health check failed: dependency payments-api unreachable (i/o timeout)");
          log.info("GET /healthz 503 1.2ms");
        }
      }
      default -> {
        log.info("connected to database host=postgres port=5432");
        log.info("listening on :8080");
        for (int i = 0; i < 10; i++) {
          log.info("GET /healthz 200 0.4ms");
          log.info("GET /api/v1/status 200 3.1ms");
        }
      }
    }
    return log.lines;
  }

  /**
   * What a migration Job's container prints, goose-style: two migrations applied; with a tag ending
   * in {@code -migfail} the second fails on a duplicate column; with {@code -migslow} it is still
   * copying rows.
   */
  private static List<String> migration(String image, Instant start) {
    Log log = new Log(start);
    String tag = FailureMode.tagOf(image);
    log.raw(start + " goose: connecting to postgres host=postgres port=5432 dbname=app");
    log.raw(start.plusMillis(200) + " OK   20260501093000_add_tenants.sql (41.2ms)");
    if (tag.endsWith("-migfail")) {
      log.raw(
          start.plusMillis(400)
              + " goose run: ERROR 20260519101500_add_tenant_id.sql: failed to run SQL migration:"
              + " ERROR: column \"tenant_id\" of relation \"users\" already exists"
              + " (SQLSTATE 42701)");
    } else if (tag.endsWith("-migslow")) {
      for (int percent = 10; percent <= 40; percent += 10) {
        log.raw(
            start.plusMillis(300L * percent) + " backfilling users.tenant_id: " + percent + "%");
      }
    } else {
      log.raw(start.plusMillis(400) + " OK   20260519101500_add_tenant_id.sql (812.5ms)");
      log.raw(
          start.plusMillis(500)
              + " goose: successfully migrated database to version: 20260519101500");
    }
    return log.lines;
  }

  /** Accumulates log lines a few hundred milliseconds apart. */
  private static final class Log {
    private final List<String> lines = new ArrayList<>();
    private Instant at;

    Log(Instant start) {
      this.at = start;
    }

    void info(String message) {
      line("INFO ", message);
    }

    void warn(String message) {
      line("WARN ", message);
    }

    void error(String message) {
      line("ERROR", message);
    }

    void raw(String text) {
      lines.add(text);
    }

    private void line(String level, String message) {
      at = at.plusMillis(250);
      lines.add(at + " " + level + " " + message);
    }
  }
}
