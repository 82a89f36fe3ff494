package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's CRUD dispatcher plus what it lacks: discovery documents, pod logs and the {@code
 * /scale} subresource. Called by the mock server's threads; thread-safe (the CRUD dispatcher locks
 * its own store).
 */
final class SimDispatcher extends Dispatcher {

  private static final Pattern LOG_PATH =
      Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/log");

  private final KubernetesCrudDispatcher crud;
  private final Discovery discovery;
  private final PodLogs logs;
  private final ScaleSubresource scale;
  private final SimExec exec;
  private final ServerSideApply apply;
  private final ExecutorService watchCloser = WatchCloseOffLoop.closer();

  SimDispatcher(KubernetesCrudDispatcher crud, Discovery discovery, PodLogs logs) {
    this(crud, discovery, logs, new SimPsql());
  }

  SimDispatcher(KubernetesCrudDispatcher crud, Discovery discovery, PodLogs logs, SimPsql psql) {
    this.crud = crud;
    this.discovery = discovery;
    this.logs = logs;
    this.scale = new ScaleSubresource(crud);
    this.exec = new SimExec(psql);
    this.apply = new ServerSideApply(crud);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String target = request.getPath();
    int query = target.indexOf('?');
    String path = query < 0 ? target : target.substring(0, query);
    if ("GET".equals(request.getMethod())) {
      String document = discovery.document(path);
      if (document != null) {
        return json(200, document);
      }
      Matcher log = LOG_PATH.matcher(path);
      if (log.matches()) {
        return podLog(log.group(1), log.group(2), query < 0 ? "" : target.substring(query + 1));
      }
    }
    Matcher execing = SimExec.PATH.matcher(path);
    if (execing.matches()) {
      return exec(execing.group(1), execing.group(2), query < 0 ? "" : target.substring(query + 1));
    }
    if (ServerSideApply.isApply(request)) {
      return apply.handle(request, path, query < 0 ? "" : target.substring(query + 1));
    }
    Matcher scaled = ScaleSubresource.PATH.matcher(path);
    if (scaled.matches()) {
      return scale.handle(request, scaled.group(1));
    }
    MockResponse answer = crud.dispatch(request);
    WebSocketListener watch = answer.getWebSocketListener();
    return watch == null
        ? answer
        : answer.withWebSocketUpgrade(new WatchCloseOffLoop(watch, watchCloser));
  }

  @Override
  public void shutdown() {
    watchCloser.shutdown();
    crud.shutdown();
  }

  @Override
  public void releaseResources() {
    crud.releaseResources();
  }

  private MockResponse podLog(String namespace, String name, String query) {
    MockResponse stored = crud.handleGet("/api/v1/namespaces/" + namespace + "/pods/" + name);
    if (stored.code() != 200) {
      return status(404, "NotFound", "pods \"" + name + "\" not found");
    }
    Pod pod = Serialization.unmarshal(stored.getBody().readUtf8(), Pod.class);
    Map<String, String> params = parse(query);
    int tail = -1;
    try {
      tail = params.containsKey("tailLines") ? Integer.parseInt(params.get("tailLines")) : -1;
    } catch (NumberFormatException e) {
      return status(
          400, "BadRequest", "tailLines: invalid value \"" + params.get("tailLines") + "\"");
    }
    PodLogs.Answer answer =
        logs.logs(pod, params.get("container"), "true".equals(params.get("previous")), tail);
    if (answer.code() != 200) {
      return status(answer.code(), "BadRequest", answer.body());
    }
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "text/plain")
        .setBody(answer.body());
  }

  private MockResponse exec(String namespace, String name, String query) {
    MockResponse stored = crud.handleGet("/api/v1/namespaces/" + namespace + "/pods/" + name);
    if (stored.code() != 200) {
      return status(404, "NotFound", "pods \"" + name + "\" not found");
    }
    Pod pod = Serialization.unmarshal(stored.getBody().readUtf8(), Pod.class);
    MockResponse upgrade = exec.exec(pod, query);
    return upgrade != null
        ? upgrade
        : status(400, "BadRequest", "container not found in pod " + name);
  }

  private static Map<String, String> parse(String query) {
    Map<String, String> params = new HashMap<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  /** A Kubernetes {@code Status} failure answer. */
  static MockResponse failure(int code, String reason, String message) {
    return status(code, reason, message);
  }

  private static MockResponse status(int code, String reason, String message) {
    return json(
        code,
        Serialization.asJson(
            new StatusBuilder()
                .withStatus("Failure")
                .withMessage(message)
                .withReason(reason)
                .withCode(code)
                .build()));
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }
}
