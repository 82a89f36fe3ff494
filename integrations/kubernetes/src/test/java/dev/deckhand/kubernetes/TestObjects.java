package dev.deckhand.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import java.util.HashMap;
import java.util.Map;

/**
 * Test-data builders with defaults: a deployment {@code coachpilot-gateway} whose container {@code
 * gateway} runs next to a {@code sidecar}, its ReplicaSets and their pods.
 */
final class TestObjects {
  static final String NS = "coachpilot";
  static final String DEPLOYMENT = "coachpilot-gateway";

  private TestObjects() {}

  static PodTemplateSpec template(String gatewayImage) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(new HashMap<>(Map.of("app", DEPLOYMENT)))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("sidecar")
        .withImage("envoyproxy/envoy:v1.30")
        .addNewEnv()
        .withName("LOG_LEVEL")
        .withValue("info")
        .endEnv()
        .endContainer()
        .addNewContainer()
        .withName("gateway")
        .withImage(gatewayImage)
        .addNewPort()
        .withContainerPort(8080)
        .endPort()
        .endContainer()
        .endSpec()
        .build();
  }

  /** The deployment at the given revision, running {@code gatewayImage}. */
  static Deployment deployment(long revision, String gatewayImage) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(DEPLOYMENT)
        .withNamespace(NS)
        .withLabels(Map.of("team", "coachpilot"))
        .withAnnotations(
            Map.of(KubeObjects.REVISION, String.valueOf(revision), "owner", "platform"))
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewSelector()
        .withMatchLabels(Map.of("app", DEPLOYMENT))
        .endSelector()
        .withTemplate(template(gatewayImage))
        .endSpec()
        .build();
  }

  /** A ReplicaSet of {@code owner} for one revision, named {@code <deployment>-<hash>}. */
  static ReplicaSet replicaSet(
      Deployment owner, long revision, String hash, String gatewayImage, String changeCause) {
    PodTemplateSpec template = template(gatewayImage);
    template.getMetadata().getLabels().put(KubeObjects.POD_TEMPLATE_HASH, hash);
    return new ReplicaSetBuilder()
        .withNewMetadata()
        .withName(owner.getMetadata().getName() + "-" + hash)
        .withNamespace(NS)
        .withLabels(Map.of("app", DEPLOYMENT, KubeObjects.POD_TEMPLATE_HASH, hash))
        .withAnnotations(
            Map.of(
                KubeObjects.REVISION,
                String.valueOf(revision),
                KubeObjects.CHANGE_CAUSE,
                changeCause))
        .withOwnerReferences(ownerRef(owner))
        .endMetadata()
        .withNewSpec()
        .withReplicas(2)
        .withNewSelector()
        .withMatchLabels(Map.of("app", DEPLOYMENT, KubeObjects.POD_TEMPLATE_HASH, hash))
        .endSelector()
        .withTemplate(template)
        .endSpec()
        .build();
  }

  /** A pod of the ReplicaSet whose containers have the given statuses. */
  static Pod pod(ReplicaSet rs, String name, ContainerStatus... statuses) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(rs.getSpec().getSelector().getMatchLabels())
        .withOwnerReferences(ownerRef(rs))
        .endMetadata()
        .withSpec(rs.getSpec().getTemplate().getSpec())
        .withNewStatus()
        .withContainerStatuses(statuses)
        .endStatus()
        .build();
  }

  static ContainerStatus waiting(String container, String reason, int restarts) {
    return new ContainerStatusBuilder()
        .withName(container)
        .withReady(false)
        .withRestartCount(restarts)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(reason + " for " + container)
        .endWaiting()
        .endState()
        .build();
  }

  /** Crash-looping after an OOM kill: waiting CrashLoopBackOff, last terminated OOMKilled. */
  static ContainerStatus oomKilled(String container, int restarts) {
    ContainerStatus cs = waiting(container, "CrashLoopBackOff", restarts);
    cs.setLastState(
        new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
            .withNewTerminated()
            .withReason("OOMKilled")
            .withExitCode(137)
            .endTerminated()
            .build());
    return cs;
  }

  static ContainerStatus running(String container) {
    return new ContainerStatusBuilder()
        .withName(container)
        .withReady(true)
        .withRestartCount(0)
        .withNewState()
        .withNewRunning()
        .endRunning()
        .endState()
        .build();
  }

  private static io.fabric8.kubernetes.api.model.OwnerReference ownerRef(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .build();
  }
}
