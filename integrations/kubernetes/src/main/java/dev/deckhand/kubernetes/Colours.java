package dev.deckhand.kubernetes;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What blue-green deploys need of a cluster: a Service's selector read and patched (a merge patch
 * to set a key; a guarded JSON patch to remove one, since the mock API stores a merge patch's
 * null), a Deployment copied under another name with extra labels and another image, and a
 * Deployment deleted. Thread-safe (the client is).
 */
final class Colours {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final DeploymentApi api;
  private final KubernetesClient client;

  Colours(DeploymentApi api) {
    this.api = api;
    this.client = api.client();
  }

  /** True when the deployment exists. */
  boolean exists(Target t) {
    try {
      return client.apps().deployments().inNamespace(t.namespace()).withName(t.deployment()).get()
          != null;
    } catch (KubernetesClientException e) {
      throw Failures.wrap(e, "reading", t);
    }
  }

  Map<String, String> selector(Target t, String service) {
    Service s = service(t, service);
    Map<String, String> selector = s.getSpec() == null ? null : s.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      throw new ClusterException(describe(t, service) + " has no selector; nothing to switch");
    }
    return Map.copyOf(selector);
  }

  void setSelector(Target t, String service, String key, String value) {
    var resource = client.services().inNamespace(t.namespace()).withName(service);
    try {
      if (value != null) {
        ObjectNode patch = JSON.objectNode();
        patch.putObject("spec").putObject("selector").put(key, value);
        resource.patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        return;
      }
      Map<String, String> now = selector(t, service);
      if (!now.containsKey(key)) {
        return;
      }
      String path = "/spec/selector/" + JsonPatch.escape(key);
      var ops = new JsonPatch().test(path, now.get(key)).remove(path).ops();
      resource.patch(
          PatchContext.of(PatchType.JSON), client.getKubernetesSerialization().asJson(ops));
    } catch (KubernetesClientException e) {
      throw new ClusterException(
          "while switching " + describe(t, service) + ": " + Failures.reason(e), e);
    }
  }

  long copy(Target source, String name, Map<String, String> labels, String image, int replicas) {
    Deployment from = api.get(source);
    Deployment copy = copyOf(from, source, name, labels, image, replicas);
    var resource = client.apps().deployments().inNamespace(source.namespace()).withName(name);
    Target target = new Target(source.cluster(), source.namespace(), name, source.container());
    try {
      Deployment existing = resource.get();
      Deployment written;
      var deployments = client.apps().deployments().inNamespace(source.namespace());
      if (existing == null) {
        written = deployments.resource(copy).create();
      } else {
        copy.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        written = deployments.resource(copy).update();
      }
      Long generation = written.getMetadata().getGeneration();
      return generation == null ? 0 : generation;
    } catch (KubernetesClientException e) {
      throw Failures.wrap(e, "copying " + source.deployment() + " to", target);
    }
  }

  /** The copy: the source's spec with the labels and image, none of its identity or status. */
  static Deployment copyOf(
      Deployment from,
      Target source,
      String name,
      Map<String, String> labels,
      String image,
      int replicas) {
    Deployment copy = new DeploymentBuilder(from).build();
    ObjectMeta meta =
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(source.namespace())
            .withLabels(merged(from.getMetadata().getLabels(), labels))
            .build();
    copy.setMetadata(meta);
    copy.setStatus(null);
    DeploymentSpec spec = copy.getSpec();
    spec.setReplicas(replicas);
    spec.setPaused(null);
    spec.getSelector().setMatchLabels(merged(spec.getSelector().getMatchLabels(), labels));
    ObjectMeta template = spec.getTemplate().getMetadata();
    if (template == null) {
      template = new ObjectMeta();
      spec.getTemplate().setMetadata(template);
    }
    template.setLabels(merged(template.getLabels(), labels));
    Container container =
        spec.getTemplate().getSpec().getContainers().stream()
            .filter(c -> c.getName().equals(source.container()))
            .findFirst()
            .orElseThrow(
                () ->
                    new ClusterException(
                        "deployment "
                            + source.namespace()
                            + "/"
                            + source.deployment()
                            + " has no container "
                            + source.container()));
    container.setImage(image);
    return copy;
  }

  void delete(Target t) {
    try {
      client
          .apps()
          .deployments()
          .inNamespace(t.namespace())
          .withName(t.deployment())
          .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND)
          .delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw Failures.wrap(e, "deleting", t);
      }
    }
  }

  private Service service(Target t, String service) {
    Service s;
    try {
      s = client.services().inNamespace(t.namespace()).withName(service).get();
    } catch (KubernetesClientException e) {
      throw new ClusterException(
          "while reading " + describe(t, service) + ": " + Failures.reason(e), e);
    }
    if (s == null) {
      throw new ClusterException(describe(t, service) + " not found");
    }
    return s;
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> extra) {
    Map<String, String> m = new LinkedHashMap<>(base == null ? Map.of() : base);
    m.putAll(extra);
    return m;
  }

  private static String describe(Target t, String service) {
    return "service " + t.namespace() + "/" + service + " in cluster " + t.cluster();
  }
}
