package dev.deckhand.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.catalog.CanarySpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The canary methods of {@link KubernetesClusters} against the mock API server in CRUD mode, with
 * Traefik's {@code IngressRoute} and Gateway API's {@code HTTPRoute} as the generic custom
 * resources a cluster with those CRDs serves: the weights of the rule that sends to the stable
 * Service move, the canary's backend is added on the stable one's port and removed again, other
 * rules and fields are kept, and a route that splits with a third Service is refused.
 */
class RoutesIT {
  @RegisterExtension static final SharedSimWorld kube = new SharedSimWorld(Duration.ofMillis(200));

  private static final String NS = "shop";
  private static final AtomicInteger names = new AtomicInteger();
  private static final ResourceDefinitionContext INGRESS_ROUTES =
      new ResourceDefinitionContext.Builder()
          .withGroup("traefik.io")
          .withVersion("v1alpha1")
          .withKind("IngressRoute")
          .withPlural("ingressroutes")
          .withNamespaced(true)
          .build();
  private static final ResourceDefinitionContext HTTP_ROUTES =
      new ResourceDefinitionContext.Builder()
          .withGroup("gateway.networking.k8s.io")
          .withVersion("v1")
          .withKind("HTTPRoute")
          .withPlural("httproutes")
          .withNamespaced(true)
          .build();

  private static Target target() {
    return new Target(SimWorld.CLUSTER, NS, "web", "web");
  }

  private static String ingressRoute(String stable, Object... more) {
    String name = "web-" + names.incrementAndGet();
    List<Object> services = new java.util.ArrayList<>();
    services.add(Map.of("name", stable, "port", 80));
    services.addAll(List.of(more));
    GenericKubernetesResource r =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("traefik.io/v1alpha1")
            .withKind("IngressRoute")
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .endMetadata()
            .addToAdditionalProperties(
                "spec",
                Map.of(
                    "entryPoints",
                    List.of("websecure"),
                    "routes",
                    List.of(
                        Map.of(
                            "match", "Host(`web.example`)", "kind", "Rule", "services", services),
                        Map.of(
                            "match",
                            "Host(`admin.example`)",
                            "kind",
                            "Rule",
                            "services",
                            List.of(Map.of("name", "admin", "port", 8080))))))
            .build();
    kube.k8s().genericKubernetesResources(INGRESS_ROUTES).inNamespace(NS).resource(r).create();
    return name;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> backends(
      ResourceDefinitionContext ctx, String name, String rules, String list, int rule) {
    GenericKubernetesResource r =
        kube.k8s().genericKubernetesResources(ctx).inNamespace(NS).withName(name).get();
    Map<String, Object> spec = (Map<String, Object>) r.getAdditionalProperties().get("spec");
    Map<String, Object> first = ((List<Map<String, Object>>) spec.get(rules)).get(rule);
    return (List<Map<String, Object>>) first.get(list);
  }

  @Test
  void theWeightsOfAnIngressRouteMoveAndComeBack() {
    String name = ingressRoute("web");
    var route = new CanarySpec.Route(CanarySpec.RouteKind.INGRESS_ROUTE, name);
    Target t = target();
    assertThat(kube.clusters().routeWeights(t, route, "web", "web-canary"))
        .isEqualTo(Map.of("web", 1));

    kube.clusters().setRouteWeights(t, route, "web", "web-canary", 5);
    kube.clusters().setRouteWeights(t, route, "web", "web-canary", 25);

    assertThat(kube.clusters().routeWeights(t, route, "web", "web-canary"))
        .containsExactly(Map.entry("web", 75), Map.entry("web-canary", 25));
    assertThat(backends(INGRESS_ROUTES, name, "routes", "services", 0))
        .containsExactly(
            Map.of("name", "web", "port", 80, "weight", 75),
            Map.of("name", "web-canary", "port", 80, "weight", 25));
    assertThat(backends(INGRESS_ROUTES, name, "routes", "services", 1))
        .containsExactly(Map.of("name", "admin", "port", 8080));

    kube.clusters().setRouteWeights(t, route, "web", "web-canary", 0);
    assertThat(kube.clusters().routeWeights(t, route, "web", "web-canary"))
        .containsExactly(Map.entry("web", 100), Map.entry("web-canary", 0));

    kube.clusters().setRouteWeights(t, route, "web", "web-canary", -1);
    assertThat(backends(INGRESS_ROUTES, name, "routes", "services", 0))
        .containsExactly(Map.of("name", "web", "port", 80));
    GenericKubernetesResource after =
        kube.k8s().genericKubernetesResources(INGRESS_ROUTES).inNamespace(NS).withName(name).get();
    assertThat(((Map<?, ?>) after.getAdditionalProperties().get("spec")).get("entryPoints"))
        .isEqualTo(List.of("websecure"));
  }

  @Test
  void theBackendRefsOfAnHttpRouteMove() {
    String name = "web-" + names.incrementAndGet();
    GenericKubernetesResource r =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("gateway.networking.k8s.io/v1")
            .withKind("HTTPRoute")
            .withNewMetadata()
            .withName(name)
            .withNamespace(NS)
            .endMetadata()
            .addToAdditionalProperties(
                "spec",
                Map.of(
                    "parentRefs",
                    List.of(Map.of("name", "gw")),
                    "rules",
                    List.of(
                        Map.of(
                            "matches",
                            List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/"))),
                            "backendRefs",
                            List.of(Map.of("name", "web", "port", 8080))))))
            .build();
    kube.k8s().genericKubernetesResources(HTTP_ROUTES).inNamespace(NS).resource(r).create();
    var route = new CanarySpec.Route(CanarySpec.RouteKind.HTTP_ROUTE, name);

    kube.clusters().setRouteWeights(target(), route, "web", "web-canary", 50);

    assertThat(backends(HTTP_ROUTES, name, "rules", "backendRefs", 0))
        .containsExactly(
            Map.of("name", "web", "port", 8080, "weight", 50),
            Map.of("name", "web-canary", "port", 8080, "weight", 50));
  }

  @Test
  void aMissingRouteARouteWithoutTheServiceAndAThreeWaySplitAreRefused() {
    Target t = target();
    var missing = new CanarySpec.Route(CanarySpec.RouteKind.INGRESS_ROUTE, "nope");
    assertThatThrownBy(() -> kube.clusters().routeWeights(t, missing, "web", "web-canary"))
        .isInstanceOf(ClusterException.class)
        .hasMessage(
            "IngressRoute shop/nope in cluster "
                + SimWorld.CLUSTER
                + " not found; create it, or name the route the service's traffic goes through"
                + " under canary: route: in the catalog");

    var other =
        new CanarySpec.Route(CanarySpec.RouteKind.INGRESS_ROUTE, ingressRoute("shop-front"));
    assertThatThrownBy(() -> kube.clusters().setRouteWeights(t, other, "web", "web-canary", 5))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("has no rule that sends to Service web");

    var split =
        new CanarySpec.Route(
            CanarySpec.RouteKind.INGRESS_ROUTE,
            ingressRoute("web", Map.of("name", "web-v2", "port", 80, "weight", 10)));
    assertThatThrownBy(() -> kube.clusters().setRouteWeights(t, split, "web", "web-canary", 5))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("splits a rule of web with web-v2 already");
  }

  @Test
  void theCanarysServiceIsACopyWithItsOwnSelector() {
    String source = "web-svc-" + names.incrementAndGet();
    kube.k8s()
        .services()
        .inNamespace(NS)
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(source)
                .withNamespace(NS)
                .addToLabels("team", "shop")
                .endMetadata()
                .withNewSpec()
                .addToSelector("app", "web")
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withTargetPort(new IntOrString(8080))
                .endPort()
                .endSpec()
                .build())
        .create();
    Target t = target();
    Map<String, String> selector = Map.of("app", "web-canary", "deckhand.dev/track", "canary");

    kube.clusters().copyService(t, source, source + "-canary", selector);
    kube.clusters().copyService(t, source, source + "-canary", selector);

    Service copy = kube.k8s().services().inNamespace(NS).withName(source + "-canary").get();
    assertThat(copy.getSpec().getSelector()).isEqualTo(selector);
    assertThat(copy.getSpec().getPorts()).hasSize(1);
    assertThat(copy.getSpec().getPorts().get(0).getPort()).isEqualTo(80);
    assertThat(copy.getMetadata().getLabels())
        .containsEntry("team", "shop")
        .containsEntry("deckhand.dev/canary-of", source);

    kube.clusters().deleteService(t, source + "-canary");
    kube.clusters().deleteService(t, source + "-canary");
    assertThat(kube.k8s().services().inNamespace(NS).withName(source + "-canary").get()).isNull();
    assertThatThrownBy(() -> kube.clusters().copyService(t, "absent", "absent-canary", selector))
        .isInstanceOf(ClusterException.class)
        .hasMessageContaining("service shop/absent not found");
  }
}
