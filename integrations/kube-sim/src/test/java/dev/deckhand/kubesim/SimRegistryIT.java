package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimRegistryIT {

  private static final String EXPECTED_STABLE_DIGEST =
      "sha256:8dc9d4ddef9acc2aba90df9bc0823aa5cf070177178e1fa546ffcb8c073dfeeb";
  private static SimRegistry registry;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    registry = SimRegistry.start();
    registry.addTags(
        "synergygroup/coachpilot-gateway", "1.0.0", "1.1.0", "1.2.0", "1.3.0-crash", "1.4.0");
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Test
  void digestsAreTheSameInEveryRun() {
    // A fixed value: an approval given before a restart must still match the plan after it.
    registry.addTags("acme/stable", "1.0.0");
    assertThat(registry.digestOf("acme/stable", "1.0.0")).isEqualTo(EXPECTED_STABLE_DIGEST);
  }

  @Test
  void versionCheck() throws Exception {
    HttpResponse<String> response = get("/v2/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{}");
    assertThat(response.headers().firstValue("Docker-Distribution-API-Version"))
        .hasValue("registry/2.0");
    assertThat(registry.baseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
  }

  @Test
  void tagsArePaginatedInInsertionOrder() throws Exception {
    HttpResponse<String> first = get("/v2/synergygroup/coachpilot-gateway/tags/list?n=2");
    assertThat(first.body())
        .isEqualTo("{\"name\":\"synergygroup/coachpilot-gateway\",\"tags\":[\"1.0.0\",\"1.1.0\"]}");
    assertThat(first.headers().firstValue("Link"))
        .hasValue("</v2/synergygroup/coachpilot-gateway/tags/list?n=2&last=1.1.0>; rel=\"next\"");

    HttpResponse<String> last =
        get("/v2/synergygroup/coachpilot-gateway/tags/list?n=2&last=1.3.0-crash");
    assertThat(last.body()).contains("[\"1.4.0\"]");
    assertThat(last.headers().firstValue("Link")).isEmpty();

    assertThat(get("/v2/synergygroup/coachpilot-gateway/tags/list").body())
        .contains("[\"1.0.0\",\"1.1.0\",\"1.2.0\",\"1.3.0-crash\",\"1.4.0\"]");
  }

  @Test
  void headDigestIsTheSha256OfTheGetBody() throws Exception {
    HttpResponse<byte[]> body =
        http.send(
            request("/v2/synergygroup/coachpilot-gateway/manifests/1.1.0").GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<Void> head =
        http.send(
            request("/v2/synergygroup/coachpilot-gateway/manifests/1.1.0")
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());

    String digest = "sha256:" + SimTime.sha256Hex(body.body());
    assertThat(body.headers().firstValue("Content-Type"))
        .hasValue("application/vnd.oci.image.manifest.v1+json");
    assertThat(body.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Docker-Content-Digest")).hasValue(digest);
    assertThat(head.headers().firstValue("Content-Length"))
        .hasValue(Integer.toString(body.body().length));
    assertThat(registry.digestOf("synergygroup/coachpilot-gateway", "1.1.0")).isEqualTo(digest);

    HttpResponse<String> byDigest = get("/v2/synergygroup/coachpilot-gateway/manifests/" + digest);
    assertThat(byDigest.statusCode()).isEqualTo(200);
    assertThat(byDigest.body()).contains("\"schemaVersion\":2");
    assertThat(
            get("/v2/synergygroup/coachpilot-gateway/manifests/1.2.0")
                .headers()
                .firstValue("Docker-Content-Digest"))
        .isPresent()
        .get()
        .isNotEqualTo(digest);
  }

  @Test
  void unknownNamesAndTagsAre404WithRegistryErrors() throws Exception {
    HttpResponse<String> unknownTag = get("/v2/synergygroup/coachpilot-gateway/manifests/9.9.9");
    assertThat(unknownTag.statusCode()).isEqualTo(404);
    assertThat(unknownTag.body()).contains("\"code\":\"MANIFEST_UNKNOWN\"");

    HttpResponse<String> unknownRepo = get("/v2/nobody/nothing/tags/list");
    assertThat(unknownRepo.statusCode()).isEqualTo(404);
    assertThat(unknownRepo.body()).contains("\"code\":\"NAME_UNKNOWN\"");
    assertThat(get("/v2/nobody/nothing/manifests/1.0").body()).contains("NAME_UNKNOWN");

    assertThatThrownBy(() -> registry.digestOf("synergygroup/coachpilot-gateway", "9.9.9"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> registry.addTags("Bad Name", "1.0"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aManifestPutMovesATagToTheSameDigest() throws Exception {
    registry.addTags("acme/promote", "1.0.0", "2.0.0");
    String v1 = registry.digestOf("acme/promote", "1.0.0");
    HttpResponse<String> manifest = get("/v2/acme/promote/manifests/" + v1);

    HttpResponse<String> put = put("/v2/acme/promote/manifests/staging", manifest.body());
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).contains(v1);
    assertThat(registry.digestOf("acme/promote", "staging")).isEqualTo(v1);

    String v2 = registry.digestOf("acme/promote", "2.0.0");
    put("/v2/acme/promote/manifests/staging", get("/v2/acme/promote/manifests/" + v2).body());
    assertThat(registry.digestOf("acme/promote", "staging")).isEqualTo(v2);
    assertThat(registry.tags("acme/promote")).containsExactly("1.0.0", "2.0.0", "staging");
  }

  @Test
  void blobsMountIntoAnotherRepositoryThenItsManifestIsAccepted() throws Exception {
    registry.addTags("acme/source", "1.0.0");
    String manifest = get("/v2/acme/source/manifests/1.0.0").body();

    HttpResponse<String> refused = put("/v2/acme/target/manifests/1.0.0", manifest);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("MANIFEST_BLOB_UNKNOWN");

    for (String digest : manifest.split("\"digest\":\"")) {
      if (digest.startsWith("sha256:")) {
        String blob = digest.substring(0, 71);
        HttpResponse<String> mount =
            http.send(
                request("/v2/acme/target/blobs/uploads/?mount=" + blob + "&from=acme/source")
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(mount.statusCode()).isEqualTo(201);
      }
    }
    assertThat(put("/v2/acme/target/manifests/1.0.0", manifest).statusCode()).isEqualTo(201);
    assertThat(registry.digestOf("acme/target", "1.0.0"))
        .isEqualTo(registry.digestOf("acme/source", "1.0.0"));
  }

  @Test
  void anArm64TagSuffixGivesAnArm64Config() throws Exception {
    registry.addTags("acme/arch", "1.0.0", "1.0.0-arm64");
    assertThat(configOf("acme/arch", "1.0.0")).contains("\"architecture\":\"amd64\"");
    assertThat(configOf("acme/arch", "1.0.0-arm64")).contains("\"architecture\":\"arm64\"");
  }

  @Test
  void anImageIsBuiltAtNoonOfTheDayItsTagNames() throws Exception {
    registry.addTags("acme/dated", "p10e-mmc-20260519-d4-webhooks", "v1.2.3");
    assertThat(configOf("acme/dated", "p10e-mmc-20260519-d4-webhooks"))
        .contains("\"created\":\"2026-05-19T12:00:00Z\"");
    assertThat(configOf("acme/dated", "v1.2.3")).contains("\"created\":\"2026-05-01T12:00:00Z\"");
  }

  private static String configOf(String repo, String tag) throws Exception {
    String manifest = get("/v2/" + repo + "/manifests/" + tag).body();
    int at = manifest.indexOf("\"config\"");
    int d = manifest.indexOf("sha256:", at);
    return get("/v2/" + repo + "/blobs/" + manifest.substring(d, d + 71)).body();
  }

  private static HttpResponse<String> put(String path, String manifest) throws Exception {
    return http.send(
        request(path)
            .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
            .PUT(HttpRequest.BodyPublishers.ofString(manifest))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(registry.baseUrl() + path));
  }
}
