package dev.deckhand.commands.engine;

import dev.deckhand.commands.rollout.DeploymentStatus;
import dev.deckhand.commands.rollout.PodProblem;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Test data: a rollout snapshot with defaults (3 replicas, all updated and available, observed).
 */
final class SnapshotBuilder {
  private long generation = 1;
  private long observedGeneration = 1;
  private int specReplicas = 3;
  private int replicas = 3;
  private int updated = 3;
  private int ready = 3;
  private int available = 3;
  private long revision = 1;
  private String image = "synergygroup/coachpilot-gateway:p10e-mmc-20260501-base";
  private List<PodProblem> problems = new ArrayList<>();
  private dev.deckhand.commands.rollout.Pause pause = dev.deckhand.commands.rollout.Pause.NONE;
  private String restartedAt = "";

  static SnapshotBuilder snapshot() {
    return new SnapshotBuilder();
  }

  static SnapshotBuilder from(RolloutSnapshot s) {
    SnapshotBuilder b = new SnapshotBuilder();
    DeploymentStatus st = s.status();
    b.generation = st.generation();
    b.observedGeneration = st.observedGeneration();
    b.specReplicas = st.specReplicas();
    b.replicas = st.replicas();
    b.updated = st.updatedReplicas();
    b.ready = st.readyReplicas();
    b.available = st.availableReplicas();
    b.revision = s.revision();
    b.image = s.image();
    b.problems = new ArrayList<>(s.problems());
    b.pause = s.pause();
    b.restartedAt = s.restartedAt();
    return b;
  }

  /** Sets the generation, observed by the controller. */
  SnapshotBuilder generation(long g) {
    generation = g;
    observedGeneration = g;
    return this;
  }

  /** The controller has not yet seen the newest generation. */
  SnapshotBuilder unobserved() {
    observedGeneration = generation - 1;
    return this;
  }

  SnapshotBuilder observed() {
    observedGeneration = generation;
    return this;
  }

  /** Every replica runs the new template and is available; no failing pods. */
  SnapshotBuilder complete() {
    replicas = specReplicas;
    updated = specReplicas;
    ready = specReplicas;
    available = specReplicas;
    problems = new ArrayList<>();
    return this;
  }

  /** Mid-rollout: {@code n} new pods, the old ones still there. */
  SnapshotBuilder rolling(int n) {
    replicas = specReplicas + n;
    updated = n;
    available = specReplicas;
    return this;
  }

  SnapshotBuilder replicas(int n) {
    specReplicas = n;
    return complete();
  }

  SnapshotBuilder revision(long r) {
    revision = r;
    return this;
  }

  SnapshotBuilder image(String i) {
    image = i;
    return this;
  }

  SnapshotBuilder pause(dev.deckhand.commands.rollout.Pause p) {
    pause = p;
    return this;
  }

  SnapshotBuilder restartedAt(String at) {
    restartedAt = at;
    return this;
  }

  SnapshotBuilder problem(PodProblem p) {
    problems.add(p);
    return this;
  }

  RolloutSnapshot build() {
    return new RolloutSnapshot(
        new DeploymentStatus(
            generation,
            observedGeneration,
            specReplicas,
            replicas,
            updated,
            ready,
            available,
            List.of()),
        revision,
        image,
        problems,
        pause,
        restartedAt);
  }
}
