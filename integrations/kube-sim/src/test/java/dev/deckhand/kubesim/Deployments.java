package dev.deckhand.kubesim;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** Test-data builder: a realistic Deployment with defaults. */
final class Deployments {

  private String name = "web";
  private String namespace = "default";
  private String image = "registry.example/web:1.0.0";
  private int replicas = 3;
  private String maxSurge = "25%";
  private String maxUnavailable = "25%";
  private int progressDeadlineSeconds = 600;
  private boolean paused;

  static Deployments deployment() {
    return new Deployments();
  }

  Deployments named(String value) {
    this.name = value;
    return this;
  }

  Deployments in(String value) {
    this.namespace = value;
    return this;
  }

  Deployments image(String value) {
    this.image = value;
    return this;
  }

  Deployments replicas(int value) {
    this.replicas = value;
    return this;
  }

  Deployments rollingUpdate(String surge, String unavailable) {
    this.maxSurge = surge;
    this.maxUnavailable = unavailable;
    return this;
  }

  Deployments progressDeadlineSeconds(int value) {
    this.progressDeadlineSeconds = value;
    return this;
  }

  Deployments paused() {
    this.paused = true;
    return this;
  }

  Deployment build() {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withPaused(paused ? true : null)
        .withProgressDeadlineSeconds(progressDeadlineSeconds)
        .withRevisionHistoryLimit(10)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(IntOrPercent.parse(maxSurge).toIntOrString())
        .withMaxUnavailable(IntOrPercent.parse(maxUnavailable).toIntOrString())
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(name)
        .withImage(image)
        .withImagePullPolicy("IfNotPresent")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
