package dev.deckhand.commands.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.TestCatalogs;
import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.People;
import dev.deckhand.commands.catalog.Person;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The policy table: who may do what, where. */
class PermissionsTest {
  private final Permissions permissions = new Permissions(TestCatalogs.coachpilot());

  @ParameterizedTest(name = "{0} {1} in {2} → {3}")
  @CsvSource({
    "alice, deploy, staging, true",
    "alice, deploy, prod, true",
    "alice, rollback, prod, true",
    "alice, lock, staging, true",
    "alice, lock, prod, false",
    "alice, freeze, prod, false",
    "alice, approve, prod, false",
    "alice, break-glass, prod, false",
    "bob, approve, prod, true",
    "bob, approve, staging, false",
    "bob, break-glass, prod, true",
    "bob, break-glass, staging, false",
    "bob, freeze, prod, true",
    "dave, lock, staging, true",
    "carol, deploy, staging, false",
    "carol, approve, prod, false",
    "mallory, deploy, staging, false",
  })
  void grantsDecide(String user, String action, String env, boolean allowed) {
    assertThat(permissions.allows(new Actor("console", user, user), action, env))
        .isEqualTo(allowed);
  }

  @Test
  void aDenialNamesTheMissingGrantAndWhoHasIt() {
    assertThatThrownBy(
            () -> permissions.require(new Actor("console", "carol", "carol"), "approve", "prod"))
        .isInstanceOf(UsageException.class)
        .hasMessage("carol may not approve in prod: that needs the grant approve:prod")
        .satisfies(
            e ->
                assertThat(((UsageException) e).hint())
                    .isEqualTo(
                        "it is held by release-managers (bob, dave); /whoami shows your grants"));
  }

  @Test
  void anUnlinkedIdOnAnotherPlatformIsAnotherPerson() {
    Actor bobOnSlack = new Actor("slack", "bob", "bob");
    assertThat(permissions.allows(bobOnSlack, "approve", "prod")).isFalse();
    assertThat(permissions.identify(bobOnSlack).person()).isEqualTo("slack:bob");
    assertThat(permissions.samePerson(bobOnSlack, new Actor("console", "bob", "bob"))).isFalse();
  }

  @Test
  void aLinkedPersonHoldsTheRoleOfTheirPersonOnEveryPlatform() {
    Catalog c = TestCatalogs.coachpilot();
    Map<String, RoleSpec> roles = new java.util.LinkedHashMap<>(c.roles());
    roles.put(
        "release-managers",
        new RoleSpec("release-managers", Map.of(), List.of("bob"), List.of("approve:prod")));
    Permissions linked = new Permissions(withRoles(c, roles).people(BOB).open(false).build());
    Actor bobOnSlack = new Actor("slack", "U0BOB", "Bob B");
    Actor bobOnDiscord = new Actor("discord", "4242", "bobby");
    Actor stranger = new Actor("discord", "4343", "bob");

    assertThat(linked.allows(bobOnSlack, "approve", "prod")).isTrue();
    assertThat(linked.allows(bobOnDiscord, "approve", "prod")).isTrue();
    assertThat(linked.allows(stranger, "approve", "prod")).isFalse();
    assertThat(linked.samePerson(bobOnSlack, bobOnDiscord)).isTrue();
    assertThat(linked.samePerson(bobOnSlack, stranger)).isFalse();
    assertThat(linked.identify(bobOnDiscord).person()).isEqualTo("bob");
    assertThat(linked.identify(stranger).person()).isEqualTo("discord:4343");
  }

  /**
   * A catalog like {@code c} with these roles and nothing else: no people, closed, no databases,
   * the default release, no bundles.
   */
  private static Catalog.Builder withRoles(Catalog c, Map<String, RoleSpec> roles) {
    return TestCatalogs.core(c).roles(roles).people(People.NONE).open(false);
  }

  private static final People BOB =
      new People(
          List.of(
              new Person("bob", Map.of("slack", "U0BOB", "discord", "4242", "console", "bob"))));

  @Test
  void aRoleMayListAGroupThatMembershipsResolve() {
    Catalog c = TestCatalogs.coachpilot();
    Permissions withGroups =
        new Permissions(
            withRoles(
                    c,
                    Map.of(
                        "release-managers",
                        new RoleSpec(
                            "release-managers",
                            Map.of("slack", List.of("U0BOB", "S0REL")),
                            List.of("approve:prod"))))
                .build(),
            (member, actor) ->
                member.equals(actor.id()) || member.equals("S0REL") && actor.id().equals("U0DAVE"));
    Actor dave = new Actor("slack", "U0DAVE", "dave");
    Actor erin = new Actor("slack", "U0ERIN", "erin");
    assertThat(withGroups.allows(dave, "approve", "prod")).isTrue();
    assertThat(withGroups.inRole(dave, "release-managers")).isTrue();
    assertThat(withGroups.allows(erin, "approve", "prod")).isFalse();
    assertThat(withGroups.rolesOf(erin)).isEmpty();
  }

  @Test
  void aRoleNamingAGroupIdCoversEveryMemberOfThatGroup() {
    Catalog c = TestCatalogs.coachpilot();
    Permissions byGroup =
        new Permissions(
            withRoles(
                    c,
                    Map.of(
                        "release-managers",
                        new RoleSpec(
                            "release-managers",
                            Map.of("discord", List.of("555000111")),
                            List.of("approve:prod"))))
                .build());
    Actor withRole = new Actor("discord", "42", "erin", List.of("1", "555000111"));
    Actor withoutRole = new Actor("discord", "43", "frank", List.of("1"));
    Actor sameRoleIdOnSlack = new Actor("slack", "44", "gina", List.of("555000111"));

    assertThat(byGroup.allows(withRole, "approve", "prod")).isTrue();
    assertThat(byGroup.inRole(withRole, "release-managers")).isTrue();
    assertThat(byGroup.allows(withoutRole, "approve", "prod")).isFalse();
    assertThat(byGroup.allows(sameRoleIdOnSlack, "approve", "prod")).isFalse();
  }

  @Test
  void aGroupThatCannotBeCheckedIsARefusalNotAGrant() {
    Catalog c = TestCatalogs.coachpilot();
    Permissions failing =
        new Permissions(
            withRoles(
                    c,
                    Map.of(
                        "release-managers",
                        new RoleSpec(
                            "release-managers",
                            Map.of("slack", List.of("S0REL")),
                            List.of("approve:prod"))))
                .build(),
            (member, actor) -> {
              throw new UsageException("could not check membership of S0REL", "try again");
            });
    assertThatThrownBy(
            () -> failing.require(new Actor("slack", "U0DAVE", "dave"), "approve", "prod"))
        .isInstanceOf(UsageException.class)
        .hasMessage("could not check membership of S0REL");
  }

  @Test
  void anOpenCatalogReservesBreakGlassAndProtectedApprovalsForExplicitGrants() {
    Catalog c = TestCatalogs.coachpilot();
    Permissions open =
        new Permissions(withRoles(c, Map.of()).people(People.NONE).open(true).build());
    Actor anyone = new Actor("slack", "U0ANY", "anyone");
    assertThat(open.enforced()).isFalse();
    assertThat(open.allows(anyone, "deploy", "prod")).isTrue();
    assertThat(open.allows(anyone, "approve", "staging")).isTrue();
    assertThat(open.allows(anyone, "break-glass", "prod")).isFalse();
    assertThat(open.allows(anyone, "break-glass", "staging")).isFalse();
    assertThat(open.allows(anyone, "approve", "prod")).isFalse();
    assertThatThrownBy(() -> open.require(anyone, "break-glass", "prod"))
        .isInstanceOf(UsageException.class)
        .hasMessage("anyone may not break-glass in prod: that needs the grant break-glass:prod");
  }

  @Test
  void anOpenCatalogWithARoleGrantsBreakGlassOnlyToItsHolders() {
    Catalog c = TestCatalogs.coachpilot();
    Permissions open = new Permissions(c.with(People.NONE, true));
    assertThat(open.allows(new Actor("console", "carol", "carol"), "deploy", "prod")).isTrue();
    assertThat(open.allows(new Actor("console", "carol", "carol"), "break-glass", "prod"))
        .isFalse();
    assertThat(open.allows(new Actor("console", "bob", "bob"), "break-glass", "prod")).isTrue();
  }

  @Test
  void grantPatternsMatchWildcardsOnly() {
    assertThat(Permissions.matches("deploy:*", "deploy", "prod")).isTrue();
    assertThat(Permissions.matches("*:staging", "rollback", "staging")).isTrue();
    assertThat(Permissions.matches("*:staging", "rollback", "prod")).isFalse();
    assertThat(Permissions.matches("deploy", "deploy", "prod")).isFalse();
    assertThat(Permissions.matches("deploy:pro", "deploy", "prod")).isFalse();
  }
}
