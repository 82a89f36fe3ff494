package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.BOB;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ReleaseFiles;
import dev.deckhand.commands.catalog.ReleaseSpec;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.rollout.PodProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /deploy-all} and {@code /rollback-all} over four honeyDue-style services in two waves (api
 * and worker, then web and admin), every image tagged with the commit SHA.
 */
class ReleaseTest {
  static final String OLD = "0f0f0f0f0f0f";
  static final String SHA = "a1b2c3d4e5f6";
  static final List<String> WAVE1 = List.of("api", "worker");
  static final List<String> WAVE2 = List.of("web", "admin");
  static final List<String> ALL = List.of("api", "worker", "web", "admin");

  private final List<EngineFixture> worlds = new ArrayList<>();

  @AfterEach
  void close() {
    worlds.forEach(EngineFixture::close);
  }

  static Target target(String service, String env) {
    return new Target(env, "honeydue", service, service);
  }

  static String image(String service) {
    return "honeydue/" + service;
  }

  static String pinned(String service, String tag) {
    return FakeRegistry.pinned(image(service), tag);
  }

  static Catalog honeydue(Catalog base) {
    Map<String, ServiceSpec> services = new LinkedHashMap<>();
    for (String s : ALL) {
      services.put(
          s,
          ServiceSpec.builder(s, image(s))
              .targets(Map.of("staging", target(s, "staging"), "prod", target(s, "prod")))
              .build());
    }
    Map<String, RoleSpec> roles = new LinkedHashMap<>(base.roles());
    roles.put(
        "developers",
        new RoleSpec(
            "developers",
            Map.of("console", List.of("alice")),
            List.of("deploy:*", "deploy-all:*", "rollback-all:*", "lock:*")));
    roles.put(
        "release-managers",
        new RoleSpec(
            "release-managers",
            Map.of("console", List.of("bob", "dave")),
            List.of("deploy-all:*", "rollback-all:*", "approve:prod")));
    return dev.deckhand.commands.TestCatalogs.core(base)
        .roles(roles)
        .services(services)
        .release(new ReleaseSpec(List.of(WAVE1, WAVE2), true, ReleaseFiles.NONE))
        .build();
  }

  private EngineFixture start(EngineFixture.Builder builder, boolean fresh) {
    return start(builder, fresh, c -> c);
  }

  private EngineFixture start(
      EngineFixture.Builder builder,
      boolean fresh,
      java.util.function.UnaryOperator<Catalog> more) {
    EngineFixture world = builder.healthAttempts(0).edit(c -> more.apply(honeydue(c))).build();
    worlds.add(world);
    if (fresh) {
      for (String s : ALL) {
        world.registry.push(image(s), OLD, SHA);
        for (String env : List.of("staging", "prod")) {
          world.cluster.deployment(target(s, env), 2, pinned(s, "base"), pinned(s, OLD));
        }
      }
    }
    return world;
  }

  private EngineFixture start() {
    return start(EngineFixture.builder(), true);
  }

  private static List<String> setImagesOf(EngineFixture world) {
    return world.cluster.setImages().stream().map(s -> s.target().deployment()).toList();
  }

  /** Waits for these services' images to be set and watched, then rolls them out. */
  private static void rollOut(EngineFixture world, String env, List<String> services) {
    eventually()
        .until(
            () ->
                services.stream()
                    .allMatch(
                        s ->
                            world.cluster.current(target(s, env)).image().equals(pinned(s, SHA))
                                && world.cluster.watchers(target(s, env)) == 1));
    services.forEach(s -> world.cluster.rollOut(target(s, env)));
  }

  private static OperationRecord finished(EngineFixture world) throws InterruptedException {
    eventually()
        .atMost(Duration.ofSeconds(10))
        .until(() -> world.chat.shown() != null && world.chat.shown().state().isFinal());
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
    return world.store.operations().get(world.store.operations().size() - 1);
  }

  private static Reply.Listing summary(EngineFixture world) {
    List<Reply.Listing> listings =
        world.chat.threads().stream()
            .map(RecordingConversation.Threaded::reply)
            .filter(Reply.Listing.class::isInstance)
            .map(Reply.Listing.class::cast)
            .filter(l -> l.title().startsWith("deploy-all") || l.title().startsWith("rollback-all"))
            .toList();
    assertThat(listings).hasSize(1);
    return listings.get(0);
  }

  @Test
  void twoWavesRollOneAfterTheOtherAndEndWithOneSummary() throws InterruptedException {
    EngineFixture world = start();
    world.submit("/deploy-all a1b2c3 --env staging");

    eventually()
        .until(
            () -> WAVE1.stream().allMatch(s -> world.cluster.watchers(target(s, "staging")) == 1));
    assertThat(setImagesOf(world)).containsExactlyInAnyOrderElementsOf(WAVE1);
    // While wave 1 rolls, every service of the release is locked.
    assertThat(world.policy.holder("admin", "staging")).isPresent();
    rollOut(world, "staging", WAVE1);
    rollOut(world, "staging", WAVE2);

    OperationRecord done = finished(world);
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(done.kind()).isEqualTo("deploy-all");
    assertThat(setImagesOf(world)).hasSize(4).containsAll(ALL);
    assertThat(world.cluster.setImages())
        .allSatisfy(s -> assertThat(s.cause()).endsWith("deployed " + SHA + " (deploy-all)"));
    assertThat(EngineFixture.stepState(done, "wave1:api:set-image")).isEqualTo(StepState.DONE);
    assertThat(EngineFixture.stepState(done, "wave2:admin:rollout")).isEqualTo(StepState.DONE);
    assertThat(EngineFixture.stepState(done, "wave2:admin:rollback")).isEqualTo(StepState.SKIPPED);
    assertThat(summary(world).lines())
        .containsExactly(
            "wave 1 · api: " + OLD + " → " + SHA + " — done",
            "wave 1 · worker: " + OLD + " → " + SHA + " — done",
            "wave 2 · web: " + OLD + " → " + SHA + " — done",
            "wave 2 · admin: " + OLD + " → " + SHA + " — done");
    assertThat(world.chat.posts().stream().filter(p -> p.reply() instanceof Reply.Operation))
        .hasSize(1);
    for (String s : ALL) {
      assertThat(world.policy.holder(s, "staging")).isEmpty();
    }
  }

  @Test
  void aFailingServiceInWave2StopsTheReleaseAndWhatItRolledGoesBack() throws InterruptedException {
    EngineFixture world = start();
    world.submit("/deploy-all " + SHA + " --env staging");
    rollOut(world, "staging", WAVE1);
    eventually().until(() -> world.cluster.setImages().size() == 4);
    rollOut(world, "staging", List.of("admin"));
    eventually().until(() -> world.cluster.watchers(target("web", "staging")) == 1);
    world.cluster.failPod(
        target("web", "staging"),
        new PodProblem("web-7d9f-x2k4l", "web", "CrashLoopBackOff", "", 3));

    // Back in reverse order, each waited for: admin, web, worker, api.
    for (String s : List.of("admin", "web", "worker", "api")) {
      eventually()
          .until(
              () ->
                  world.cluster.undos().stream()
                          .anyMatch(u -> u.target().equals(target(s, "staging")))
                      && world.cluster.watchers(target(s, "staging")) == 1);
      world.cluster.rollOut(target(s, "staging"));
    }

    OperationRecord done = finished(world);
    assertThat(done.state()).isEqualTo(OperationState.ROLLED_BACK);
    assertThat(world.cluster.undos())
        .extracting(u -> u.target().deployment())
        .containsExactly("admin", "web", "worker", "api");
    assertThat(world.cluster.undos()).allSatisfy(u -> assertThat(u.toRevision()).isEqualTo(2));
    for (String s : ALL) {
      assertThat(world.cluster.current(target(s, "staging")).image()).isEqualTo(pinned(s, OLD));
    }
    assertThat(EngineFixture.stepState(done, "wave2:web:rollout")).isEqualTo(StepState.FAILED);
    assertThat(summary(world).lines())
        .contains("wave 2 · web: " + OLD + " → " + SHA + " — rolled back");
  }

  /** The catalog with a goose migration Job on {@code service}. */
  static java.util.function.UnaryOperator<Catalog> migrating(String service) {
    return c -> {
      Map<String, ServiceSpec> services = new LinkedHashMap<>(c.services());
      services.put(
          service,
          services
              .get(service)
              .withMigration(
                  new dev.deckhand.commands.catalog.MigrationJob(
                      List.of("goose", "up"), Duration.ofMinutes(30))));
      return dev.deckhand.commands.TestCatalogs.core(c)
          .services(services)
          .release(c.release())
          .build();
    };
  }

  @Test
  void aWavesMigrationRunsBeforeAnyOfItsServicesRolls() throws InterruptedException {
    EngineFixture world = start(EngineFixture.builder(), true, migrating("api"));
    world.submit("/deploy-all " + SHA + " --env staging");

    eventually().until(() -> world.cluster.jobs.creates().size() == 1);
    var job = world.cluster.jobs.creates().get(0);
    assertThat(job.image()).isEqualTo(pinned("api", SHA));
    assertThat(world.cluster.setImages()).isEmpty(); // not even worker, which has no migration
    world.cluster.jobs.complete(job.name());
    rollOut(world, "staging", WAVE1);
    rollOut(world, "staging", WAVE2);

    OperationRecord done = finished(world);
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(EngineFixture.stepState(done, "wave1:api:migrate")).isEqualTo(StepState.DONE);
    assertThat(world.cluster.jobs.creates()).hasSize(1);
  }

  @Test
  void aFailedMigrationInWave2StopsTheReleaseAndWave1GoesBack() throws InterruptedException {
    EngineFixture world = start(EngineFixture.builder(), true, migrating("web"));
    world.submit("/deploy-all " + SHA + " --env staging");
    rollOut(world, "staging", WAVE1);
    eventually().until(() -> world.cluster.jobs.creates().size() == 1);
    world.cluster.jobs.fail(
        world.cluster.jobs.creates().get(0).name(), "BackoffLimitExceeded", "Job has failed");
    for (String s : List.of("worker", "api")) {
      eventually()
          .until(
              () ->
                  world.cluster.current(target(s, "staging")).image().equals(pinned(s, OLD))
                      && world.cluster.watchers(target(s, "staging")) == 1);
      world.cluster.rollOut(target(s, "staging"));
    }

    OperationRecord done = finished(world);
    assertThat(done.state()).isEqualTo(OperationState.ROLLED_BACK);
    assertThat(EngineFixture.stepState(done, "wave2:web:migrate")).isEqualTo(StepState.FAILED);
    assertThat(EngineFixture.step(done, "wave2:web:migrate").detail())
        .contains("BackoffLimitExceeded");
    assertThat(setImagesOf(world)).containsExactlyInAnyOrderElementsOf(WAVE1);
    assertThat(EngineFixture.step(done, "wave2:admin:rollback").detail())
        .isEqualTo("not changed by this release");
  }

  /** Release files held in memory, as the bot's reader gives them. */
  private static Catalog withFiles(Catalog c, Map<String, Map<String, String>> releases) {
    ReleaseFiles files =
        new ReleaseFiles() {
          @Override
          public Map<String, String> read(String name) {
            return releases.get(name);
          }

          @Override
          public String describe(String name) {
            return "releases/" + name + ".yaml";
          }
        };
    return c.toBuilder().release(new ReleaseSpec(List.of(WAVE1, WAVE2), true, files)).build();
  }

  @Test
  void aReleaseFileRollsEachServiceItNamesToItsOwnTagAndLeavesTheOthers()
      throws InterruptedException {
    Map<String, String> r1 = new LinkedHashMap<>();
    r1.put("web", "v2.4.0");
    r1.put("api", SHA);
    EngineFixture world = start(EngineFixture.builder(), true, c -> withFiles(c, Map.of("r1", r1)));
    world.registry.push(image("web"), "v2.4.0");

    world.submit("/deploy-all --release r1 --env staging");
    eventually()
        .until(
            () ->
                world.cluster.current(target("api", "staging")).image().equals(pinned("api", SHA))
                    && world.cluster.watchers(target("api", "staging")) == 1);
    assertThat(setImagesOf(world)).as("wave 1 is api alone").containsExactly("api");
    world.cluster.rollOut(target("api", "staging"));
    eventually()
        .until(
            () ->
                world
                        .cluster
                        .current(target("web", "staging"))
                        .image()
                        .equals(pinned("web", "v2.4.0"))
                    && world.cluster.watchers(target("web", "staging")) == 1);
    world.cluster.rollOut(target("web", "staging"));

    OperationRecord done = finished(world);
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.chat.shown().summary()).isEqualTo("deploy-all release r1 in staging");
    assertThat(setImagesOf(world)).containsExactly("api", "web");
    assertThat(world.cluster.current(target("worker", "staging")).image())
        .isEqualTo(pinned("worker", OLD));
    assertThat(summary(world).lines())
        .containsExactly(
            "wave 1 · api: " + OLD + " → " + SHA + " — done",
            "wave 2 · web: " + OLD + " → v2.4.0 — done");
    assertThat(world.policy.holder("worker", "staging"))
        .as("a service the release does not move is not locked")
        .isEmpty();
  }

  @Test
  void aReleaseFileTagThatDoesNotResolveRefusesTheWholeReleaseNamingIt()
      throws InterruptedException {
    EngineFixture world =
        start(
            EngineFixture.builder(),
            true,
            c -> withFiles(c, Map.of("r2", Map.of("api", SHA, "web", "v9.9.9"))));

    world.submit("/deploy-all --release r2 --env staging");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .startsWith("release r2 does not resolve for 1 service: web v9.9.9 (no tag 'v9.9.9'")
        .endsWith("; nothing was changed");
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(world.store.operations()).isEmpty();
    assertThat(world.cluster.setImages()).isEmpty();
  }

  @Test
  void aTagThatDoesNotResolveForOneServiceRefusesTheWholeRelease() throws InterruptedException {
    EngineFixture world = start();
    world.registry.push(image("api"), "b7e8f9a0");
    world.registry.push(image("worker"), "b7e8f9a0");
    world.registry.push(image("web"), "b7e8f9a0");

    world.submit("/deploy-all b7e8f9 --env staging");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .startsWith(
            "'b7e8f9' does not resolve for 1 service: admin (no tag 'b7e8f9' in honeydue/admin)")
        .endsWith("; nothing was changed");
    assertThat(p.hint()).contains("push the tag for every service first");
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(world.store.operations()).isEmpty();
    assertThat(world.cluster.setImages()).isEmpty();
  }

  @Test
  void aServiceLockedByAnotherOperationRefusesTheRelease() throws InterruptedException {
    EngineFixture world = start();
    world.submit("/lock web --env staging \"db maintenance\"");
    eventually().until(() -> world.policy.holder("web", "staging").isPresent());

    world.submit("/deploy-all " + SHA + " --env staging");

    Reply.Problem p =
        (Reply.Problem)
            eventually()
                .until(
                    () ->
                        world.chat.answers().stream()
                            .filter(Reply.Problem.class::isInstance)
                            .findFirst()
                            .orElse(null),
                    r -> r != null);
    assertThat(p.problem()).startsWith("web in staging is locked by Alice");
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void prodNeedsOneApprovalForTheWholeRelease() throws InterruptedException {
    EngineFixture world = start();
    world.submit("/deploy-all " + SHA + " --env prod");
    eventually()
        .until(
            () ->
                world.chat.shown() != null
                    && world.chat.shown().state() == OperationState.PENDING_APPROVAL);
    assertThat(world.cluster.setImages()).isEmpty();

    world.react(BOB, "✅", true);

    rollOut(world, "prod", WAVE1);
    rollOut(world, "prod", WAVE2);
    OperationRecord done = finished(world);
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(EngineFixture.stepState(done, "approval")).isEqualTo(StepState.DONE);
    assertThat(done.steps().stream().filter(s -> s.name().equals("approval"))).hasSize(1);
  }

  @Test
  void aDryRunShowsOneLinePerServiceByWaveAndChangesNothing() throws InterruptedException {
    EngineFixture world = start();
    world.submit("/deploy-all " + SHA + " --env staging --dry-run");

    Reply dry = world.awaitAnswer(Reply.class);
    assertThat(dry.toString())
        .contains("wave 1 · api: " + OLD + " → " + SHA)
        .contains("wave 2 · admin: " + OLD + " → " + SHA);
    assertThat(world.engine.awaitIdle(Duration.ofSeconds(5))).isTrue();
    assertThat(world.store.operations()).isEmpty();
  }

  @Test
  void aKillDuringWave2ResumesWithoutApplyingAnythingTwice() throws InterruptedException {
    EngineFixture first = start();
    first.submit("/deploy-all " + SHA + " --env staging");
    rollOut(first, "staging", WAVE1);
    eventually()
        .until(
            () ->
                first.cluster.setImages().size() == 4
                    && WAVE2.stream()
                        .allMatch(s -> first.cluster.watchers(target(s, "staging")) == 1));
    first.close();
    first.cluster.forgetWatchers(); // a kill -9: its informers are gone with it
    worlds.remove(first);

    EngineFixture second = start(EngineFixture.builder().restartOf(first), false);
    rollOut(second, "staging", WAVE2);

    OperationRecord done = finished(second);
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(second.cluster.setImages()).hasSize(4); // all before the kill: none twice
    assertThat(second.cluster.undos()).isEmpty();
    for (String s : ALL) {
      assertThat(second.policy.holder(s, "staging")).isEmpty();
    }
  }

  @Test
  void aKillDuringTheReleasesRollbackResumesItWithoutUndoingAnythingTwice()
      throws InterruptedException {
    EngineFixture first = start();
    first.submit("/deploy-all " + SHA + " --env staging");
    rollOut(first, "staging", WAVE1);
    eventually().until(() -> first.cluster.setImages().size() == 4);
    rollOut(first, "staging", List.of("admin"));
    eventually().until(() -> first.cluster.watchers(target("web", "staging")) == 1);
    first.cluster.failPod(
        target("web", "staging"), new PodProblem("web-1", "web", "CrashLoopBackOff", "", 3));
    // admin is rolled back first; the process dies while its rollback rolls out.
    eventually()
        .until(
            () ->
                first.cluster.undos().size() == 1
                    && first.cluster.watchers(target("admin", "staging")) == 1);
    first.close();
    first.cluster.forgetWatchers();
    worlds.remove(first);

    EngineFixture second = start(EngineFixture.builder().restartOf(first), false);
    for (String s : List.of("admin", "web", "worker", "api")) {
      eventually()
          .until(
              () ->
                  second.cluster.current(target(s, "staging")).image().equals(pinned(s, OLD))
                      && second.cluster.watchers(target(s, "staging")) == 1);
      second.cluster.rollOut(target(s, "staging"));
    }

    OperationRecord done = finished(second);
    assertThat(done.state()).isEqualTo(OperationState.ROLLED_BACK);
    assertThat(second.cluster.undos())
        .extracting(u -> u.target().deployment())
        .containsExactly("admin", "web", "worker", "api"); // admin's once, before the kill
    assertThat(second.cluster.setImages()).hasSize(4);
    for (String s : ALL) {
      assertThat(second.policy.holder(s, "staging")).isEmpty();
    }
  }

  @Test
  void rollbackAllUndoesTheLastReleaseInReverseWaveOrder() throws InterruptedException {
    EngineFixture world = start();
    world.submit("/deploy-all " + SHA + " --env staging");
    rollOut(world, "staging", WAVE1);
    rollOut(world, "staging", WAVE2);
    assertThat(finished(world).state()).isEqualTo(OperationState.SUCCEEDED);

    world.submit("/rollback-all --env staging");
    for (List<String> wave : List.of(WAVE2, WAVE1)) {
      eventually()
          .until(
              () ->
                  wave.stream()
                      .allMatch(
                          s ->
                              world
                                      .cluster
                                      .current(target(s, "staging"))
                                      .image()
                                      .equals(pinned(s, OLD))
                                  && world.cluster.watchers(target(s, "staging")) == 1));
      wave.forEach(s -> world.cluster.rollOut(target(s, "staging")));
    }
    eventually()
        .until(
            () ->
                world.store.operations().size() == 2
                    && world.store.operations().get(1).state().isFinal());
    OperationRecord done = world.store.operations().get(1);
    assertThat(done.kind()).isEqualTo("rollback-all");
    // One timeline entry per service and operation.
    assertThat(world.store.timeline())
        .filteredOn(e -> e.kind().equals("rollback-all"))
        .extracting(e -> e.service() + " " + e.newImage())
        .containsExactlyInAnyOrder(
            "api " + pinned("api", OLD),
            "worker " + pinned("worker", OLD),
            "web " + pinned("web", OLD),
            "admin " + pinned("admin", OLD));
    assertThat(done.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(world.cluster.undos())
        .extracting(u -> u.target().deployment())
        .containsExactlyInAnyOrder("web", "admin", "api", "worker");
    assertThat(world.cluster.undos().subList(0, 2))
        .extracting(u -> u.target().deployment())
        .containsExactlyInAnyOrder("web", "admin");
  }

  @Test
  void rollbackAllWithoutAReleaseSaysSo() {
    EngineFixture world = start();
    world.submit("/rollback-all --env staging");

    Reply.Problem p = world.awaitAnswer(Reply.Problem.class);
    assertThat(p.problem())
        .isEqualTo("no successful /deploy-all in staging is recorded; nothing to roll back");
  }
}
