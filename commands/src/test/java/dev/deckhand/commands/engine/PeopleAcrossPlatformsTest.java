package dev.deckhand.commands.engine;

import static dev.deckhand.commands.engine.EngineFixture.NEW_TAG;
import static dev.deckhand.commands.engine.EngineFixture.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.People;
import dev.deckhand.commands.catalog.Person;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.ports.AuditLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The two-person rule compares people, not platform ids: bob on Slack and bob on Discord are one
 * person, whose own request he cannot approve and whose two votes count once.
 */
class PeopleAcrossPlatformsTest {
  private static final People PEOPLE =
      new People(
          List.of(
              new Person("bob", Map.of("slack", "U0BOB", "discord", "4242", "console", "bob")),
              new Person("dave", Map.of("slack", "U0DAVE", "discord", "4343")),
              new Person("alice", Map.of("slack", "U0ALICE", "console", "alice"))));
  private static final RoleSpec RELEASE_MANAGERS =
      new RoleSpec(
          "release-managers",
          Map.of(),
          List.of("bob", "dave"),
          List.of("deploy:*", "approve:prod", "break-glass:prod"));
  private static final Actor BOB_SLACK = new Actor("slack", "U0BOB", "Bob B");
  private static final Actor BOB_DISCORD = new Actor("discord", "4242", "bobby");
  private static final Actor DAVE_SLACK = new Actor("slack", "U0DAVE", "Dave D");
  private static final Actor DAVE_DISCORD = new Actor("discord", "4343", "dave");
  private static final Actor ALICE_SLACK = new Actor("slack", "U0ALICE", "Alice A");

  private EngineFixture world;

  @AfterEach
  void close() {
    world.close();
  }

  private EngineFixture.Builder linked() {
    return EngineFixture.builder().people(PEOPLE).role(RELEASE_MANAGERS);
  }

  @Test
  void bobRequestsOnSlackAndHisApprovalFromDiscordIsRefusedAsTheRequesters() {
    world = linked().build();
    world.submitAs(BOB_SLACK, "/deploy gateway " + NEW_TAG + " --env prod", "d1");
    eventually().until(() -> state() == OperationState.PENDING_APPROVAL);
    long op = world.store.only().id();

    world.react(BOB_DISCORD, "✅", true);
    eventually()
        .until(
            () ->
                threadText().contains("you requested this")
                    && threadText().contains("a requester's own approval does not count"));
    assertThat(threadText()).contains("(as Bob B on slack)");
    assertThat(world.policy.votes(op)).isEmpty();
    assertThat(world.store.events("vote-ignored"))
        .singleElement()
        .satisfies(e -> assertThat(e.actor().person()).isEqualTo("bob"));
    world.submitAs(BOB_DISCORD, "/approve " + op, "d2");
    eventually().until(() -> world.store.events("vote-ignored").size() == 2);
    assertThat(world.cluster.setImages()).isEmpty();
    assertThat(state()).isEqualTo(OperationState.PENDING_APPROVAL);

    world.react(DAVE_DISCORD, "✅", true);
    eventually().until(() -> world.cluster.setImages().size() == 1);
  }

  @Test
  void afterARestartTheStoredRequesterIsStillThePerson() {
    EngineFixture first = linked().build();
    first.submitAs(BOB_SLACK, "/deploy gateway " + NEW_TAG + " --env prod", "r1");
    eventually()
        .until(
            () ->
                first.chat.shown() != null
                    && first.chat.shown().state() == OperationState.PENDING_APPROVAL);
    first.close();

    world = linked().restartOf(first).build();
    long op = world.store.only().id();
    world.react(BOB_DISCORD, "✅", true);
    eventually().until(() -> threadText().contains("you requested this"));
    assertThat(world.policy.votes(op)).isEmpty();

    world.react(DAVE_DISCORD, "✅", true);
    eventually()
        .until(
            () ->
                world.cluster.setImages().size() == 1
                    && world.cluster.watchers(EngineFixture.PROD) == 1);
    world.cluster.rollOut(EngineFixture.PROD);
    eventually().until(() -> state() == OperationState.SUCCEEDED);
    assertThat(world.store.events("result"))
        .singleElement()
        .satisfies(e -> assertThat(e.actor().person()).isEqualTo("bob"));
  }

  @Test
  void onePersonVotingFromTwoPlatformsCountsOnceTowardTwo() {
    world = linked().prodApprovals(2, Duration.ofMinutes(30)).build();
    world.submit("/deploy gateway " + NEW_TAG + " --env prod");
    eventually().until(() -> state() == OperationState.PENDING_APPROVAL);
    long op = world.store.only().id();

    world.react(DAVE_SLACK, "✅", true);
    eventually().until(() -> world.policy.votes(op).size() == 1);
    world.react(DAVE_DISCORD, "✅", true);
    world.submitAs(DAVE_DISCORD, "/approve " + op, "d3");
    eventually().until(() -> world.store.events("command").size() == 2);
    eventually().until(() -> String.join(" ", world.chat.shown().notes()).contains("Dave D"));
    assertThat(world.policy.votes(op)).hasSize(1);
    assertThat(state()).isEqualTo(OperationState.PENDING_APPROVAL);
    assertThat(world.cluster.setImages()).isEmpty();

    world.react(BOB_DISCORD, "✅", true);
    eventually().until(() -> world.cluster.setImages().size() == 1);
    eventually()
        .until(() -> world.chat.shown().notes().equals(List.of("approved by Dave D, bobby")));
    assertThat(world.store.events("approve"))
        .extracting(e -> e.actor().person())
        .containsExactly("dave", "bob");
  }

  @Test
  void theRequesterCancelsFromAnotherPlatform() {
    world = linked().build();
    world.submit("/deploy gateway " + NEW_TAG + " --env prod");
    eventually().until(() -> state() == OperationState.PENDING_APPROVAL);
    long op = world.store.only().id();

    world.submitAs(ALICE_SLACK, "/cancel " + op, "d4");
    eventually().until(() -> state() == OperationState.CANCELLED);
    assertThat(world.chat.shown().notes()).containsExactly("cancelled by Alice A");
  }

  @Test
  void anUnlinkedIdIsAPersonOfItsOwn() {
    world = linked().build();
    world.submitAs(new Actor("slack", "U9", "U9"), "/whoami", "d5");
    assertThat(world.awaitAnswer(Reply.Listing.class).lines())
        .contains(
            "person: slack:U9 (linked to no one; the catalog's people: section links ids across"
                + " platforms)",
            "roles: none");
  }

  @Test
  void whoamiShowsThePersonAndTheirLinkedIds() {
    world = linked().build();
    world.submitAs(BOB_DISCORD, "/whoami", "d6");
    assertThat(world.awaitAnswer(Reply.Listing.class).lines())
        .containsExactly(
            "user: bobby (discord id 4242)",
            "person: bob (linked: console bob, discord 4242, slack U0BOB)",
            "role release-managers: deploy:*, approve:prod, break-glass:prod");
  }

  @Test
  void anOpenCatalogStillNeedsAnExplicitGrantForBreakGlass() {
    world = EngineFixture.builder().open(true).build();
    Actor carol = EngineFixture.CAROL;
    world.submitAs(
        carol, "/deploy gateway " + NEW_TAG + " --env prod --break-glass \"site down\"", "d7");
    assertThat(world.awaitAnswer(Reply.Problem.class).problem())
        .isEqualTo("Carol may not break-glass in prod: that needs the grant break-glass:prod");
    assertThat(world.store.operations()).isEmpty();
    assertThat(world.store.events("refused")).extracting(AuditLog.Event::actor).contains(carol);
  }

  private OperationState state() {
    Reply.Operation shown = world.chat.shown();
    return shown == null ? null : shown.state();
  }

  private String threadText() {
    return world.chat.threads().toString();
  }
}
