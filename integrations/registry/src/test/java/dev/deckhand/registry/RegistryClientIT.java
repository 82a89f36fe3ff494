package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.RegistryException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tags, digests, retries and failures against {@link FakeRegistry} on loopback. */
class RegistryClientIT {
  private static final byte[] MANIFEST =
      "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final FakeRegistry fake = new FakeRegistry();
  private final ImageRegistry registry = client(fake.baseUrl(), 2, 10);

  RegistryClientIT() throws IOException {}

  @AfterEach
  void stop() {
    fake.close();
  }

  static ImageRegistry client(URI baseUrl, int pageSize, int maxPages) {
    RegistrySettings settings =
        new RegistrySettings(
            Duration.ofSeconds(2), Duration.ofSeconds(5), pageSize, maxPages, Duration.ZERO);
    return RegistryClient.create(
        List.of(new RegistryEndpoint("default", baseUrl)),
        settings,
        ForkJoinPool.commonPool(),
        new MutableClock());
  }

  @Test
  void followsRelativeLinkHeadersThroughEveryPage() {
    fake.repo("team/app", "a", "b", "c", "d", "e");

    assertThat(registry.tags("team/app")).containsExactly("a", "b", "c", "d", "e");
    assertThat(fake.requests)
        .extracting(FakeRegistry.Request::target)
        .containsExactly(
            "/v2/team/app/tags/list?n=2",
            "/v2/team/app/tags/list?n=2&last=b",
            "/v2/team/app/tags/list?n=2&last=d");
  }

  @Test
  void followsAbsoluteLinkHeaders() {
    fake.behaviour.absoluteLinks();
    fake.repo("app", "v1", "v2", "v3");

    assertThat(registry.tags("app")).containsExactly("v1", "v2", "v3");
  }

  @Test
  void anImageNamedWithTheRegistryHostGoesToThatEndpoint() {
    fake.repo("team/app", "v1");

    assertThat(registry.tags(fake.baseUrl().getAuthority() + "/team/app")).containsExactly("v1");
  }

  @Test
  void aRepositoryWithoutTagsHasAnEmptyList() {
    fake.repo("app");

    assertThat(registry.tags("app")).isEmpty();
  }

  @Test
  void anUnknownRepositoryIsNamedInTheError() {
    assertThatThrownBy(() -> registry.tags("team/nope"))
        .isInstanceOf(RegistryException.class)
        .hasMessage("no image team/nope in registry default");
  }

  @Test
  void refusesPaginationLinksToAnotherServer() {
    fake.behaviour.linkOverride("http://other.invalid:1/v2/app/tags/list?last=x");
    fake.repo("app", "v1");

    assertThatThrownBy(() -> registry.tags("app"))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("pagination link to another server (http://other.invalid)");
  }

  @Test
  void stopsAPaginationLoopAndBoundsThePageCount() {
    fake.behaviour.linkOverride("/v2/app/tags/list?n=2");
    fake.repo("app", "v1");
    assertThatThrownBy(() -> registry.tags("app")).hasMessageContaining("pagination loop");

    fake.behaviour.linkOverride(null);
    fake.repo("many", "1", "2", "3", "4", "5");
    assertThatThrownBy(() -> client(fake.baseUrl(), 1, 3).tags("many"))
        .hasMessageContaining("sent more than 3 pages of tags for many");
  }

  @Test
  void readsTheDigestFromOneHeadAskingForEveryManifestType() {
    fake.manifest("team/app", "v1", MANIFEST);

    assertThat(registry.digest("team/app", "v1")).contains(HttpImageRegistry.sha256(MANIFEST));
    assertThat(fake.requests).hasSize(1);
    FakeRegistry.Request head = fake.requests.get(0);
    assertThat(head.method()).isEqualTo("HEAD");
    assertThat(head.accept())
        .contains(
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.docker.distribution.manifest.v2+json");
  }

  @Test
  void withoutTheDigestHeaderHashesTheManifestFromAGet() {
    fake.behaviour.withoutDigestHeader();
    fake.manifest("app", "v1", MANIFEST);

    assertThat(registry.digest("app", "v1")).contains(HttpImageRegistry.sha256(MANIFEST));
    assertThat(fake.requests)
        .extracting(FakeRegistry.Request::method)
        .containsExactly("HEAD", "GET");
  }

  @Test
  void aMissingTagHasNoDigest() {
    assertThat(registry.digest("app", "v404")).isEmpty();
  }

  @Test
  void anInvalidTagIsRejectedBeforeAnyRequest() {
    assertThatThrownBy(() -> registry.digest("app", "../../v2/_catalog"))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("invalid tag");
    assertThat(fake.requests).isEmpty();
  }

  @Test
  void retriesOnceAfterA5xx() {
    fake.repo("app", "v1");
    fake.behaviour.failNext(1);

    assertThat(registry.tags("app")).containsExactly("v1");
    assertThat(fake.count("GET", "/v2/app/tags/list")).isEqualTo(2);
  }

  @Test
  void aSecond5xxFailsWithContext() {
    fake.manifest("app", "v1", MANIFEST);
    fake.behaviour.failNext(2);

    assertThatThrownBy(() -> registry.digest("app", "v1"))
        .isInstanceOf(RegistryException.class)
        .hasMessage(
            "registry default at "
                + fake.baseUrl()
                + " failed with HTTP 500 while reading the digest of app:v1");
  }

  @Test
  void aClosedPortIsReportedAsUnreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);

    assertThatThrownBy(() -> client(closed, 10, 10).tags("app"))
        .isInstanceOf(RegistryException.class)
        .hasMessage("registry default at " + closed + " is unreachable: connection refused");
  }
}
