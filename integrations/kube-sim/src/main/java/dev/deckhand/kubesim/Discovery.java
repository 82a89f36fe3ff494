package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.RootPathsBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;

/**
 * The discovery documents the CRUD mock lacks ({@code /api}, {@code /apis}, {@code /api/v1}, {@code
 * /apis/apps/v1}, {@code /apis/batch/v1}, {@code /version}), so that kubectl can map {@code deploy}
 * to {@code deployments.apps} and {@code job} to {@code jobs.batch}. Immutable after construction;
 * thread-safe.
 */
final class Discovery {

  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> SUB_VERBS = List.of("get", "patch", "update");

  private final Map<String, String> documents;

  Discovery() {
    GroupVersionForDiscovery appsV1 = new GroupVersionForDiscovery("apps/v1", "v1");
    GroupVersionForDiscovery batchV1 = new GroupVersionForDiscovery("batch/v1", "v1");
    documents =
        Map.of(
            "/",
            json(
                new RootPathsBuilder()
                    .withPaths(
                        "/api",
                        "/api/v1",
                        "/apis",
                        "/apis/apps",
                        "/apis/apps/v1",
                        "/apis/batch",
                        "/apis/batch/v1",
                        "/version")
                    .build()),
            "/version",
            "{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0-kubesim\","
                + "\"gitCommit\":\"kube-sim\",\"gitTreeState\":\"clean\","
                + "\"buildDate\":\"2025-01-01T00:00:00Z\",\"goVersion\":\"go1.22.0\","
                + "\"compiler\":\"gc\",\"platform\":\"linux/amd64\"}",
            "/api",
            json(new APIVersionsBuilder().withVersions("v1").build()),
            "/apis",
            json(
                new APIGroupListBuilder()
                    .withGroups(
                        new APIGroupBuilder()
                            .withName("apps")
                            .withVersions(appsV1)
                            .withPreferredVersion(appsV1)
                            .build(),
                        new APIGroupBuilder()
                            .withName("batch")
                            .withVersions(batchV1)
                            .withPreferredVersion(batchV1)
                            .build())
                    .build()),
            "/api/v1",
            json(
                new APIResourceListBuilder()
                    .withGroupVersion("v1")
                    .withResources(
                        resource("pods", "Pod", true, ALL_VERBS, "po"),
                        resource("pods/log", "Pod", true, List.of("get"), null),
                        resource("pods/status", "Pod", true, SUB_VERBS, null),
                        resource("namespaces", "Namespace", false, ALL_VERBS, "ns"),
                        resource("configmaps", "ConfigMap", true, ALL_VERBS, "cm"),
                        resource("secrets", "Secret", true, ALL_VERBS, null),
                        resource("services", "Service", true, ALL_VERBS, "svc"),
                        resource("events", "Event", true, ALL_VERBS, "ev"))
                    .build()),
            "/apis/apps/v1",
            json(
                new APIResourceListBuilder()
                    .withGroupVersion("apps/v1")
                    .withResources(
                        resource("deployments", "Deployment", true, ALL_VERBS, "deploy"),
                        resource("deployments/status", "Deployment", true, SUB_VERBS, null),
                        scale("deployments/scale"),
                        resource("replicasets", "ReplicaSet", true, ALL_VERBS, "rs"),
                        resource("replicasets/status", "ReplicaSet", true, SUB_VERBS, null),
                        scale("replicasets/scale"),
                        resource("statefulsets", "StatefulSet", true, ALL_VERBS, "sts"),
                        resource("daemonsets", "DaemonSet", true, ALL_VERBS, "ds"))
                    .build()),
            "/apis/batch/v1",
            json(
                new APIResourceListBuilder()
                    .withGroupVersion("batch/v1")
                    .withResources(
                        resource("jobs", "Job", true, ALL_VERBS, null),
                        resource("jobs/status", "Job", true, SUB_VERBS, null))
                    .build()));
  }

  /** The document served at {@code path} (without query), or {@code null}. */
  String document(String path) {
    return documents.get(path);
  }

  private static APIResource resource(
      String name, String kind, boolean namespaced, List<String> verbs, String shortName) {
    APIResourceBuilder builder =
        new APIResourceBuilder()
            .withName(name)
            .withSingularName(name.contains("/") ? "" : kind.toLowerCase())
            .withKind(kind)
            .withNamespaced(namespaced)
            .withVerbs(verbs);
    if (shortName != null) {
      builder.withShortNames(shortName);
    }
    return builder.build();
  }

  private static APIResource scale(String name) {
    return new APIResourceBuilder(resource(name, "Scale", true, SUB_VERBS, null))
        .withGroup("autoscaling")
        .withVersion("v1")
        .build();
  }

  private static String json(Object document) {
    return Serialization.asJson(document);
  }
}
