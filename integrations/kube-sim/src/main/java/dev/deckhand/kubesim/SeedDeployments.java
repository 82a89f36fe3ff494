package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** Builds the realistic Deployments {@link KubeSim#seedDeployment} creates. Stateless. */
final class SeedDeployments {

  private SeedDeployments() {}

  static Deployment build(
      SimOptions options,
      String namespace,
      String name,
      String container,
      String image,
      int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels("app", name)
        .addToAnnotations(Revisions.CHANGE_CAUSE, "initial deploy of " + image)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withProgressDeadlineSeconds(options.progressDeadlineSeconds())
        .withRevisionHistoryLimit(10)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(IntOrPercent.parse(options.maxSurge()).toIntOrString())
        .withMaxUnavailable(IntOrPercent.parse(options.maxUnavailable()).toIntOrString())
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(container)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .withProtocol("TCP")
        .endPort()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/healthz")
        .withPort(new IntOrString("http"))
        .endHttpGet()
        .withPeriodSeconds(5)
        .endReadinessProbe()
        .withNewResources()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("128Mi"))
        .endResources()
        .endContainer()
        .withTerminationGracePeriodSeconds(30L)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
