package dev.deckhand.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's mock Kubernetes API in CRUD mode, bound to 127.0.0.1 on a free port. Requests with an
 * expectation ({@link #server()}{@code .expect()}) get it; all others go to the CRUD store.
 */
final class MockApi implements AutoCloseable {
  private final KubernetesMockServer server;

  MockApi() {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            expectations,
            new KubernetesMixedDispatcher(expectations),
            false);
    try {
      server.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  KubernetesMockServer server() {
    return server;
  }

  /** A new client of this server; the caller closes it. */
  KubernetesClient newClient() {
    return server.createClient(
        b ->
            b.editOrNewConfig()
                .withMasterUrl("http://127.0.0.1:" + server.getPort())
                .withRequestTimeout(5_000)
                .withRequestRetryBackoffLimit(0)
                .endConfig());
  }

  int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.destroy();
  }
}
