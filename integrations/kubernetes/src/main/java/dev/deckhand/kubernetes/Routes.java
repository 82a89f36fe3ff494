package dev.deckhand.kubernetes;

import dev.deckhand.commands.catalog.CanarySpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What canary deploys need of a cluster: the weights of a Traefik {@code IngressRoute}'s weighted
 * {@code services} or a Gateway API {@code HTTPRoute}'s {@code backendRefs}, read and written as
 * generic objects (no CRD classes; the plural is given, so no discovery is needed), and the
 * canary's own Service copied from the stable one. A weight write reads the route and replaces it
 * with its {@code resourceVersion}, again on a conflict, so a concurrent edit of another field is
 * kept. Thread-safe (the client is).
 */
final class Routes {
  private static final int CONFLICT_TRIES = 5;

  private final KubernetesClient client;

  Routes(KubernetesClient client) {
    this.client = client;
  }

  /** Where each kind keeps its rules and, in a rule, its backends. */
  private record Shape(ResourceDefinitionContext context, String rules, String backends) {
    static Shape of(CanarySpec.RouteKind kind) {
      return switch (kind) {
        case INGRESS_ROUTE ->
            new Shape(
                context("traefik.io", "v1alpha1", "IngressRoute", "ingressroutes"),
                "routes",
                "services");
        case HTTP_ROUTE ->
            new Shape(
                context("gateway.networking.k8s.io", "v1", "HTTPRoute", "httproutes"),
                "rules",
                "backendRefs");
      };
    }

    private static ResourceDefinitionContext context(
        String group, String version, String kind, String plural) {
      return new ResourceDefinitionContext.Builder()
          .withGroup(group)
          .withVersion(version)
          .withKind(kind)
          .withPlural(plural)
          .withNamespaced(true)
          .build();
    }
  }

  Map<String, Integer> weights(Target t, CanarySpec.Route route, String service, String canary) {
    GenericKubernetesResource object = read(t, route);
    List<Map<String, Object>> rules = rules(t, route, object, service, canary);
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (Map<String, Object> backend : backends(rules.get(0), Shape.of(route.kind()))) {
      weights.put(String.valueOf(backend.get("name")), weight(backend));
    }
    return weights;
  }

  void setWeights(
      Target t, CanarySpec.Route route, String service, String canary, int canaryWeight) {
    Shape shape = Shape.of(route.kind());
    for (int attempt = 1; ; attempt++) {
      GenericKubernetesResource object = read(t, route);
      for (Map<String, Object> rule : rules(t, route, object, service, canary)) {
        split(backends(rule, shape), rule, shape, service, canary, canaryWeight);
      }
      try {
        client
            .genericKubernetesResources(shape.context())
            .inNamespace(t.namespace())
            .resource(object)
            .update();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= CONFLICT_TRIES) {
          throw new ClusterException(
              "while setting the weights of " + describe(t, route) + ": " + Failures.reason(e), e);
        }
      }
    }
  }

  /** Sets the weights of one rule's backends, adding or removing the canary's. */
  private static void split(
      List<Map<String, Object>> backends,
      Map<String, Object> rule,
      Shape shape,
      String service,
      String canary,
      int canaryWeight) {
    Map<String, Object> stable = null;
    Map<String, Object> existing = null;
    for (Map<String, Object> b : backends) {
      if (service.equals(b.get("name"))) {
        stable = b;
      } else if (canary.equals(b.get("name"))) {
        existing = b;
      }
    }
    List<Map<String, Object>> next = new ArrayList<>(backends);
    if (canaryWeight < 0) {
      next.remove(existing);
      stable.remove("weight");
    } else {
      if (existing == null) {
        existing = new LinkedHashMap<>(stable);
        existing.put("name", canary);
        next.add(existing);
      }
      existing.put("weight", canaryWeight);
      stable.put("weight", 100 - canaryWeight);
    }
    rule.put(shape.backends(), next);
  }

  private GenericKubernetesResource read(Target t, CanarySpec.Route route) {
    GenericKubernetesResource object;
    try {
      object =
          client
              .genericKubernetesResources(Shape.of(route.kind()).context())
              .inNamespace(t.namespace())
              .withName(route.name())
              .get();
    } catch (KubernetesClientException e) {
      throw new ClusterException(
          "while reading " + describe(t, route) + ": " + Failures.reason(e), e);
    }
    if (object == null) {
      throw new ClusterException(
          describe(t, route)
              + " not found; create it, or name the route the service's traffic goes through"
              + " under canary: route: in the catalog");
    }
    return object;
  }

  /** The rules that send to {@code service}; refuses a route with none or with foreign ones. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(
      Target t,
      CanarySpec.Route route,
      GenericKubernetesResource object,
      String service,
      String canary) {
    Shape shape = Shape.of(route.kind());
    Object spec = object.getAdditionalProperties().get("spec");
    Object all = spec instanceof Map<?, ?> m ? m.get(shape.rules()) : null;
    List<Map<String, Object>> found = new ArrayList<>();
    if (all instanceof List<?> list) {
      for (Object rule : list) {
        if (!(rule instanceof Map<?, ?>)) {
          continue;
        }
        Map<String, Object> r = (Map<String, Object>) rule;
        List<Map<String, Object>> backends = backends(r, shape);
        if (backends.stream().noneMatch(b -> service.equals(b.get("name")))) {
          continue;
        }
        List<String> others =
            backends.stream()
                .map(b -> String.valueOf(b.get("name")))
                .filter(n -> !n.equals(service) && !n.equals(canary))
                .toList();
        if (!others.isEmpty()) {
          throw new ClusterException(
              describe(t, route)
                  + " splits a rule of "
                  + service
                  + " with "
                  + String.join(", ", others)
                  + " already; Deckhand splits only a rule that sends to "
                  + service
                  + " alone");
        }
        found.add(r);
      }
    }
    if (found.isEmpty()) {
      throw new ClusterException(
          describe(t, route)
              + " has no rule that sends to Service "
              + service
              + "; name the Service of the stable pods under canary: service: in the catalog");
    }
    return found;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> backends(Map<String, Object> rule, Shape shape) {
    Object list = rule.get(shape.backends());
    List<Map<String, Object>> backends = new ArrayList<>();
    if (list instanceof List<?> items) {
      for (Object item : items) {
        if (item instanceof Map<?, ?> b) {
          backends.add((Map<String, Object>) b);
        }
      }
    }
    return backends;
  }

  private static int weight(Map<String, Object> backend) {
    Object w = backend.get("weight");
    return w instanceof Number n ? n.intValue() : 1;
  }

  void copyService(Target t, String source, String name, Map<String, String> selector) {
    var services = client.services().inNamespace(t.namespace());
    try {
      Service from = services.withName(source).get();
      if (from == null) {
        throw new ClusterException(
            "service " + t.namespace() + "/" + source + " not found in cluster " + t.cluster());
      }
      ServiceSpec spec = new ServiceBuilder(from).build().getSpec();
      spec.setClusterIP(null);
      spec.setClusterIPs(null);
      spec.setSelector(new LinkedHashMap<>(selector));
      Service copy =
          new ServiceBuilder()
              .withMetadata(
                  new ObjectMetaBuilder()
                      .withName(name)
                      .withNamespace(t.namespace())
                      .withLabels(from.getMetadata().getLabels())
                      .addToLabels("deckhand.dev/canary-of", source)
                      .build())
              .withSpec(spec)
              .build();
      Service existing = services.withName(name).get();
      if (existing == null) {
        services.resource(copy).create();
      } else {
        copy.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        copy.getSpec().setClusterIP(existing.getSpec().getClusterIP());
        copy.getSpec().setClusterIPs(existing.getSpec().getClusterIPs());
        services.resource(copy).update();
      }
    } catch (KubernetesClientException e) {
      throw new ClusterException(
          "while copying service "
              + t.namespace()
              + "/"
              + source
              + " to "
              + name
              + " in cluster "
              + t.cluster()
              + ": "
              + Failures.reason(e),
          e);
    }
  }

  void deleteService(Target t, String name) {
    try {
      client.services().inNamespace(t.namespace()).withName(name).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw new ClusterException(
            "while deleting service "
                + t.namespace()
                + "/"
                + name
                + " in cluster "
                + t.cluster()
                + ": "
                + Failures.reason(e),
            e);
      }
    }
  }

  private static String describe(Target t, CanarySpec.Route route) {
    return route.kind().kind()
        + " "
        + t.namespace()
        + "/"
        + route.name()
        + " in cluster "
        + t.cluster();
  }
}
