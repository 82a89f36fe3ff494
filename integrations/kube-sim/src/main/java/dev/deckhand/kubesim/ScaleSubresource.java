package dev.deckhand.kubesim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code /scale} subresource of Deployments and ReplicaSets ({@code autoscaling/v1 Scale}),
 * which the CRUD mock would otherwise store as if it were the whole object. Used by fabric8's
 * {@code scale(n)} and {@code kubectl scale}. Thread-safe.
 */
final class ScaleSubresource {

  /** Group 1 is the path of the scaled object. */
  static final Pattern PATH =
      Pattern.compile("(/apis/apps/v1/namespaces/[^/]+/(?:deployments|replicasets)/[^/]+)/scale");

  private final KubernetesCrudDispatcher crud;

  ScaleSubresource(KubernetesCrudDispatcher crud) {
    this.crud = crud;
  }

  MockResponse handle(RecordedRequest request, String objectPath) {
    MockResponse object;
    switch (request.getMethod()) {
      case "GET" -> object = crud.handleGet(objectPath);
      case "PATCH" ->
          object =
              crud.dispatch(
                  new RecordedRequest(
                      request.getHttpVersion(),
                      HttpMethod.PATCH,
                      objectPath,
                      request.getHeaders(),
                      request.getBody()));
      case "PUT" -> {
        JsonNode scale = Serialization.unmarshal(request.getUtf8Body(), JsonNode.class);
        int replicas = scale.path("spec").path("replicas").asInt(0);
        object =
            crud.dispatch(
                new RecordedRequest(
                    request.getHttpVersion(),
                    HttpMethod.PATCH,
                    objectPath,
                    Headers.builder().add("Content-Type", "application/merge-patch+json").build(),
                    new Buffer(
                        ("{\"spec\":{\"replicas\":" + replicas + "}}")
                            .getBytes(StandardCharsets.UTF_8))));
      }
      default -> {
        return new MockResponse().setResponseCode(405);
      }
    }
    if (object.code() < 200 || object.code() > 299) {
      return object;
    }
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(toScale(Serialization.unmarshal(object.getBody().readUtf8(), JsonNode.class)));
  }

  private static String toScale(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    ObjectNode scale = Serialization.jsonMapper().createObjectNode();
    scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    ObjectNode scaleMetadata = scale.putObject("metadata");
    for (String field :
        new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
      scaleMetadata.set(field, metadata.path(field).deepCopy());
    }
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
    StringBuilder selector = new StringBuilder();
    Iterator<Map.Entry<String, JsonNode>> labels =
        object.path("spec").path("selector").path("matchLabels").fields();
    while (labels.hasNext()) {
      Map.Entry<String, JsonNode> label = labels.next();
      selector
          .append(selector.length() == 0 ? "" : ",")
          .append(label.getKey())
          .append('=')
          .append(label.getValue().asText());
    }
    scale
        .putObject("status")
        .put("replicas", object.path("status").path("replicas").asInt(0))
        .put("selector", selector.toString());
    return scale.toString();
  }
}
