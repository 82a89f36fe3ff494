package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.ALICE;
import static dev.deckhand.commands.engine.EngineFixture.BOB;
import static dev.deckhand.commands.engine.EngineFixture.CAROL;
import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.LockStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The policy a request passed is checked again when its approvals reach the quorum: a freeze, the
 * service lock, the requester's grant and the channel binding, as they are then.
 */
class QuorumPolicyTest {
  private static final Instant NOW = Instant.parse("2026-05-19T10:00:00Z");
  private static final Actor ERIN = new Actor("console", "erin", "Erin");
  private static final RoleSpec CONTRACTORS =
      new RoleSpec("contractors", Map.of("console", List.of("erin")), List.of("deploy:prod"));

  private final List<EngineFixture> worlds = new ArrayList<>();

  @AfterEach
  void close() {
    worlds.forEach(EngineFixture::close);
  }

  @Test
  void aRequestApprovedAfterAFreezeBeganIsRefusedAndChangesNothing() {
    EngineFixture world = start(EngineFixture.builder());
    long op = requestProdDeploy(world, ALICE);
    world.policy.freeze("prod", NOW.plusSeconds(3600), CAROL, "incident 42");

    world.react(BOB, "✅", true);

    eventually().until(() -> state(world) == OperationState.REJECTED);
    assertThat(world.chat.shown().notes())
        .anyMatch(n -> n.startsWith("approved, but not run: prod is frozen by Carol"))
        .anyMatch(n -> n.contains("still needs --break-glass"));
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(world.policy.forOperation(op).orElseThrow().state()).isEqualTo("rejected");
    assertThat(world.policy.holder("gateway", "prod")).isEmpty();
    eventually().until(() -> world.store.only().state() == OperationState.REJECTED);
  }

  @Test
  void aLockSomeoneElseTookMeanwhileRefusesTheRequestAndStaysTheirs() {
    EngineFixture world = start(EngineFixture.builder());
    requestProdDeploy(world, ALICE);
    world.policy.forceRelease("gateway", "prod");
    world.policy.acquire(
        new LockStore.Lock("gateway", "prod", CAROL, "db migration", 0, "other", NOW));

    world.react(BOB, "✅", true);

    eventually().until(() -> state(world) == OperationState.REJECTED);
    assertThat(world.chat.shown().notes())
        .anyMatch(n -> n.contains("approved, but not run") && n.contains("db migration"));
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(world.policy.holder("gateway", "prod").orElseThrow().owner()).isEqualTo(CAROL);
  }

  @Test
  void aLockLiftedMeanwhileIsTakenAgainBeforeTheApprovedPlanRuns() {
    EngineFixture world = start(EngineFixture.builder());
    long op = requestProdDeploy(world, ALICE);
    world.policy.forceRelease("gateway", "prod");

    world.react(BOB, "✅", true);

    eventually().until(() -> world.cluster.setImages().size() == 1);
    assertThat(world.policy.holder("gateway", "prod").orElseThrow().operationId()).isEqualTo(op);
  }

  @Test
  void aGrantRemovedWhileTheRequestWaitedRefusesItAtQuorum() {
    EngineFixture first = start(EngineFixture.builder().role(CONTRACTORS));
    requestProdDeploy(first, ERIN);
    first.close();

    EngineFixture second = start(EngineFixture.builder().restartOf(first));
    second.react(BOB, "✅", true);

    eventually().until(() -> state(second) == OperationState.REJECTED);
    assertThat(second.chat.shown().notes())
        .contains("approved, but not run: Erin no longer has the grant deploy:prod");
    assertThat(second.cluster.setImages()).isEmpty();
  }

  @Test
  void aGrantGivenThroughAPlatformGroupIsStillKnownAfterARestart() {
    RoleSpec byGroup =
        new RoleSpec("contractors", Map.of("console", List.of("G-CONTRACT")), List.of("deploy:*"));
    Actor erinInGroup = new Actor("console", "erin", "Erin", List.of("G-CONTRACT"));
    EngineFixture first = start(EngineFixture.builder().role(byGroup));
    requestProdDeploy(first, erinInGroup);
    first.close();

    EngineFixture second = start(EngineFixture.builder().role(byGroup).restartOf(first));
    second.react(BOB, "✅", true);

    eventually().until(() -> second.cluster.setImages().size() == 1);
  }

  @Test
  void anEnvironmentBoundToOtherChannelsMeanwhileRefusesTheRequest() {
    EngineFixture first = start(EngineFixture.builder());
    requestProdDeploy(first, ALICE);
    first.close();

    EngineFixture second =
        start(EngineFixture.builder().prodChannels(List.of("C-ops")).restartOf(first));
    second.react(BOB, "✅", true);

    eventually().until(() -> state(second) == OperationState.REJECTED);
    assertThat(second.chat.shown().notes())
        .contains("approved, but not run: prod is now changed only from C-ops");
    assertThat(second.cluster.setImages()).isEmpty();
  }

  @Test
  void aGrantThatCannotBeCheckedAtQuorumLeavesTheRequestPendingForTheNextVote() {
    AtomicBoolean outage = new AtomicBoolean();
    EngineFixture world =
        start(
            EngineFixture.builder()
                .memberships(
                    (member, actor) -> {
                      if (outage.get() && actor.id().equals("alice")) {
                        throw new UsageException("could not be read from the platform", "later");
                      }
                      return member.equals(actor.id());
                    }));
    requestProdDeploy(world, ALICE);
    outage.set(true);

    world.react(BOB, "✅", true);

    eventually()
        .until(
            () ->
                world.chat.threads().stream()
                    .map(t -> t.reply())
                    .filter(Reply.Text.class::isInstance)
                    .anyMatch(r -> ((Reply.Text) r).text().contains("it stays pending")));
    assertThat(state(world)).isEqualTo(OperationState.PENDING_APPROVAL);
    assertThat(world.cluster.setImages()).isEmpty();

    outage.set(false);
    world.react(BOB, "✅", true); // the same vote again acts on the votes as they stand
    eventually().until(() -> world.cluster.setImages().size() == 1);
  }

  private EngineFixture start(EngineFixture.Builder builder) {
    EngineFixture world = builder.build();
    worlds.add(world);
    return world;
  }

  private static long requestProdDeploy(EngineFixture world, Actor requester) {
    world.submitAs(requester, "/deploy gateway " + NEW_TAG + " --env prod", "d-" + NOW);
    eventually().until(() -> state(world) == OperationState.PENDING_APPROVAL);
    eventually().until(() -> world.policy.forOperation(world.store.only().id()).isPresent());
    return world.store.only().id();
  }

  private static OperationState state(EngineFixture world) {
    Reply.Operation shown = world.chat.shown();
    return shown == null ? null : shown.state();
  }
}
