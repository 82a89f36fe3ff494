package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pod exec over the Kubernetes exec WebSocket (subprotocol {@code v4.channel.k8s.io}: each binary
 * message starts with its channel, 0 stdin, 1 stdout, 2 stderr, 3 the final {@code Status}). The
 * program is {@link SimPsql}. A program reading stdin runs once a {@code \q} line arrived (v4 has
 * no way to close stdin) or the socket closes.
 */
final class SimExec {

  static final Pattern PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/pods/([^/]+)/exec");

  private final SimPsql psql;

  SimExec(SimPsql psql) {
    this.psql = psql;
  }

  /** The upgrade to an exec session, or null when the pod or container is missing (a 404). */
  MockResponse exec(Pod pod, String query) {
    List<String> argv = new ArrayList<>();
    String container = null;
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (key.equals("command")) {
        argv.add(value);
      } else if (key.equals("container")) {
        container = value;
      }
    }
    String wanted = container;
    boolean known =
        wanted == null
            || pod.getSpec().getContainers().stream().anyMatch(c -> c.getName().equals(wanted));
    if (!known) {
      return null;
    }
    return new MockResponse()
        .withWebSocketUpgrade(
            new Session(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), argv));
  }

  private final class Session extends WebSocketListener {
    private final String namespace;
    private final String pod;
    private final List<String> argv;
    private final ByteArrayOutputStream stdin = new ByteArrayOutputStream();
    private boolean done;

    Session(String namespace, String pod, List<String> argv) {
      this.namespace = namespace;
      this.pod = pod;
      this.argv = argv;
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
      if (!SimPsql.readsStdin(argv)) {
        finish(ws);
      }
    }

    @Override
    public void onMessage(WebSocket ws, byte[] bytes) {
      received(ws, bytes);
    }

    @Override
    public void onMessage(WebSocket ws, ByteString bytes) {
      received(ws, bytes.toByteArray());
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      finish(ws);
    }

    private synchronized void received(WebSocket ws, byte[] bytes) {
      if (done || bytes.length == 0 || bytes[0] != 0) {
        return; // only stdin is read; a resize (channel 4) is ignored
      }
      stdin.write(bytes, 1, bytes.length - 1);
      if (SimPsql.quitAt(stdin.toString(StandardCharsets.UTF_8)) >= 0) {
        finish(ws);
      }
    }

    private synchronized void finish(WebSocket ws) {
      if (done) {
        return;
      }
      done = true;
      SimPsql.Answer a = psql.run(namespace, pod, argv, stdin.toString(StandardCharsets.UTF_8));
      send(ws, 1, a.stdout());
      send(ws, 2, a.stderr());
      send(ws, 3, status(a.exitCode()));
      ws.close(1000, "");
    }
  }

  private static void send(WebSocket ws, int channel, String text) {
    if (text.isEmpty()) {
      return;
    }
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    byte[] frame = new byte[body.length + 1];
    frame[0] = (byte) channel;
    System.arraycopy(body, 0, frame, 1, body.length);
    ws.send(frame);
  }

  /** The status the API server sends on channel 3 when the program ended. */
  static String status(int exitCode) {
    if (exitCode == 0) {
      return Serialization.asJson(new StatusBuilder().withStatus("Success").build());
    }
    return Serialization.asJson(
        new StatusBuilder()
            .withStatus("Failure")
            .withReason("NonZeroExitCode")
            .withMessage("command terminated with non-zero exit code: exit status " + exitCode)
            .withNewDetails()
            .withCauses(
                new StatusCauseBuilder()
                    .withReason("ExitCode")
                    .withMessage(Integer.toString(exitCode))
                    .build())
            .endDetails()
            .build());
  }
}
