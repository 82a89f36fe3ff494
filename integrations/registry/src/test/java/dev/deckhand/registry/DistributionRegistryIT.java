package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.RegistryException;
import java.net.URI;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a real registry (distribution v2, Debian's docker-registry) whose base URL is in {@code
 * DECKHAND_TEST_REGISTRY}; start one with {@code .ci/start-registry.sh}. Skipped when it is unset,
 * except on CI ({@code CI} set), where that is a failure. Pushes its own images to a fresh
 * repository, so runs never collide.
 */
class DistributionRegistryIT {
  private static final String URL = System.getenv("DECKHAND_TEST_REGISTRY");

  /** A fresh repository per test (JUnit makes one instance per test). */
  private final String repo =
      "deckhand-it/app-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());

  private URI base;
  private OciPusher pusher;

  /** Per test, so that each skipped test shows the reason in the report. */
  @BeforeEach
  void requireRegistry() {
    if (URL == null || URL.isBlank()) {
      String ci = System.getenv("CI");
      if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
        fail(
            "DECKHAND_TEST_REGISTRY not set on CI: .ci/run must start one with"
                + " .ci/start-registry.sh");
      }
      String reason =
          "DECKHAND_TEST_REGISTRY not set: start one with eval \"$(.ci/start-registry.sh)\"";
      // Maven prints only "Skipped: N"; say why where people look.
      System.err.println("SKIPPED real-registry test: " + reason);
      assumeTrue(false, reason);
    }
    base = URI.create(URL);
    pusher = new OciPusher(base);
  }

  private ImageRegistry client(int pageSize) {
    RegistrySettings settings =
        new RegistrySettings(
            Duration.ofSeconds(5), Duration.ofSeconds(15), pageSize, 100, Duration.ZERO);
    return RegistryClient.create(
        List.of(new RegistryEndpoint("local", base)), settings, ForkJoinPool.commonPool());
  }

  /** A manifest as pushed: its bytes and the digest the registry announced for them. */
  private record Pushed(byte[] bytes, String digest) {
    OciPusher.Blob descriptor() {
      return new OciPusher.Blob(digest, bytes.length);
    }
  }

  /** Pushes a distinct image (config, layer, manifest) under {@code tag}. */
  private Pushed pushImage(String tag, String mediaType) {
    OciPusher.Blob layer = pusher.pushBlob(repo, OciPusher.emptyLayer());
    OciPusher.Blob config = pusher.pushBlob(repo, OciPusher.config(tag));
    byte[] manifest = OciPusher.imageManifest(mediaType, config, layer);
    String announced = pusher.pushManifest(repo, tag, mediaType, manifest);
    assertThat(announced).isEqualTo(HttpImageRegistry.sha256(manifest));
    return new Pushed(manifest, announced);
  }

  @Test
  void listsPushedTagsAndTheirDigestsAcrossPages() {
    Pushed v1 = pushImage("v1.0.0", OciPusher.OCI_MANIFEST);
    Pushed feature = pushImage("p10e-mmc-20260519-d4-webhooks", OciPusher.OCI_MANIFEST);
    Pushed docker = pushImage("v2.0.0", OciPusher.DOCKER_MANIFEST);
    pusher.pushManifest(repo, "staging", OciPusher.OCI_MANIFEST, v1.bytes()); // a retag

    // Distribution 2.8 (Debian's package) ignores n= on tag lists and answers in directory order;
    // newer versions paginate with Link headers. Either way every tag must come back, once.
    List<String> expected = List.of("p10e-mmc-20260519-d4-webhooks", "staging", "v1.0.0", "v2.0.0");
    assertThat(client(1000).tags(repo)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(client(1).tags(repo)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(client(3).tags(repo)).containsExactlyInAnyOrderElementsOf(expected);

    ImageRegistry registry = client(100);
    assertThat(registry.digest(repo, "v1.0.0")).contains(v1.digest());
    assertThat(registry.digest(repo, "staging")).contains(v1.digest());
    assertThat(registry.digest(repo, "p10e-mmc-20260519-d4-webhooks")).contains(feature.digest());
    assertThat(registry.digest(repo, "v2.0.0")).contains(docker.digest());
  }

  @Test
  void readsTheDigestOfAnOciIndex() {
    Pushed image = pushImage("single", OciPusher.OCI_MANIFEST);
    byte[] index = OciPusher.index(image.descriptor());
    String announced = pusher.pushManifest(repo, "multi", OciPusher.OCI_INDEX, index);

    assertThat(announced).isEqualTo(HttpImageRegistry.sha256(index));
    assertThat(client(100).digest(repo, "multi")).contains(announced);
    assertThat(client(100).digest(repo, "single")).contains(image.digest());
  }

  @Test
  void anImageNamedWithTheRegistryHostResolvesToIt() {
    Pushed image = pushImage("hosted", OciPusher.OCI_MANIFEST);

    assertThat(client(100).digest(base.getAuthority() + "/" + repo, "hosted"))
        .contains(image.digest());
    assertThat(client(100).tags(base.getAuthority() + "/" + repo)).containsExactly("hosted");
  }

  @Test
  void missingTagsAndRepositoriesAreReported() {
    pushImage("v1", OciPusher.OCI_MANIFEST);
    ImageRegistry registry = client(100);

    assertThat(registry.digest(repo, "does-not-exist")).isEmpty();
    assertThat(registry.digest(repo + "-nothing", "v1")).isEmpty();
    assertThatThrownBy(() -> registry.tags(repo + "-nothing"))
        .isInstanceOf(RegistryException.class)
        .hasMessage("no image " + repo + "-nothing in registry local");
  }

  @Test
  void tagMovesAZoneTagToTheSameDigest() {
    Pushed v1 = pushImage("v1.0.0", OciPusher.OCI_MANIFEST);
    Pushed v2 = pushImage("v2.0.0", OciPusher.DOCKER_MANIFEST);
    ImageRegistry registry = client(100);

    registry.tag(repo, "staging", v1.digest());
    assertThat(registry.digest(repo, "staging")).contains(v1.digest());
    registry.tag(repo, "staging", v2.digest()); // moves it, Docker media type kept
    assertThat(registry.digest(repo, "staging")).contains(v2.digest());
  }

  @Test
  void copyToAnotherRepositoryKeepsTheDigest() {
    Pushed v1 = pushImage("v1.0.0", OciPusher.OCI_MANIFEST);
    Pushed index = new Pushed(OciPusher.index(v1.descriptor()), null); // digest computed below
    String indexDigest = pusher.pushManifest(repo, "multi", OciPusher.OCI_INDEX, index.bytes());
    ImageRegistry registry = client(100);
    String target = repo + "-prod";

    registry.copy(repo, v1.digest(), target, "v1.0.0");
    assertThat(registry.digest(target, "v1.0.0")).contains(v1.digest());
    assertThat(registry.config(target, v1.digest()).orElseThrow().architecture())
        .isEqualTo("amd64");

    registry.copy(repo, indexDigest, target, "multi");
    assertThat(registry.digest(target, "multi")).contains(indexDigest);
  }

  @Test
  void configReadsPlatformAndLabelsAndAnIndexPicksAmd64() {
    Pushed v1 = pushImage("v1.0.0", OciPusher.OCI_MANIFEST);
    String indexDigest =
        pusher.pushManifest(repo, "multi", OciPusher.OCI_INDEX, OciPusher.index(v1.descriptor()));
    ImageRegistry registry = client(100);

    var config = registry.config(repo, v1.digest()).orElseThrow();
    assertThat(config.platform()).isEqualTo("linux/amd64");
    assertThat(config.labels()).containsEntry("t", "v1.0.0");
    assertThat(registry.config(repo, indexDigest).orElseThrow().labels())
        .containsEntry("t", "v1.0.0");
    assertThat(registry.config(repo, "sha256:" + "0".repeat(64))).isEmpty();
  }
}
