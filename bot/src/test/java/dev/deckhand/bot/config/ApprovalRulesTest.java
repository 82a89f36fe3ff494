package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.ApprovalPolicy;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environments: approvals and lock-after-rollback. */
class ApprovalRulesTest {
  private static final String ROLES =
      "\n  release-managers: {slack: [U1]}\n  developers: {slack: [U2]}";

  @TempDir Path dir;

  /**
   * A catalog whose prod (line 8) holds {@code body} from line 11 on, and which declares the roles
   * release-managers and developers.
   */
  static CatalogYaml withProd(String body) {
    return CatalogYaml.valid()
        .with(
            "environments",
            "\n  staging: {cluster: staging}\n  prod:\n    cluster: prod\n    protected: true\n"
                + body.stripTrailing())
        .with("roles", ROLES);
  }

  private EnvironmentSpec environment(CatalogYaml yaml, String name) throws CatalogException {
    return new Loading(dir).load(yaml.text()).catalog().environment(name).orElseThrow();
  }

  private List<String> problems(CatalogYaml yaml) {
    return new Loading(dir).problems(yaml.text());
  }

  @Test
  void withoutApprovalsProtectedNeedsOneOtherPersonAndOthersNobody() throws Exception {
    EnvironmentSpec prod = environment(CatalogYaml.valid(), "prod");
    EnvironmentSpec staging = environment(CatalogYaml.valid(), "staging");

    assertThat(prod.approvals()).isEqualTo(ApprovalPolicy.ONE_OTHER_PERSON);
    assertThat(prod.approvals())
        .isEqualTo(new ApprovalPolicy(1, null, Duration.ofMinutes(30), Set.of()));
    assertThat(prod.lockAfterRollback()).isTrue();
    assertThat(prod.freezes()).isEmpty();
    assertThat(staging.approvals()).isEqualTo(ApprovalPolicy.NONE);
    assertThat(staging.lockAfterRollback()).isFalse();
    assertThat(staging.freezes()).isEmpty();
  }

  @Test
  void everyFieldIsRead() throws Exception {
    CatalogYaml yaml =
        withProd(
            "    approvals: {count: 2, from: release-managers, expires: 2h,"
                + " exempt: [rollback, restart]}");

    assertThat(environment(yaml, "prod").approvals())
        .isEqualTo(
            new ApprovalPolicy(
                2, "release-managers", Duration.ofHours(2), Set.of("rollback", "restart")));
    assertThat(environment(yaml, "prod").needsApproval("rollback")).isFalse();
    assertThat(environment(yaml, "prod").needsApproval("deploy")).isTrue();
  }

  @Test
  void fieldsLeftOutTakeTheirDefaults() throws Exception {
    CatalogYaml yaml = withProd("    approvals: {from: developers}");

    assertThat(environment(yaml, "prod").approvals())
        .isEqualTo(new ApprovalPolicy(1, "developers", Duration.ofMinutes(30), Set.of()));
  }

  @Test
  void anUnprotectedEnvironmentMayAskForApprovalsOrSayNoneExplicitly() throws Exception {
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with(
                "environments",
                "\n  staging: {cluster: staging, approvals: {count: 0}}\n"
                    + "  prod: {cluster: prod, approvals: {expires: 1m}}");

    assertThat(environment(yaml, "staging").approvals()).isEqualTo(ApprovalPolicy.NONE);
    assertThat(environment(yaml, "prod").approvals())
        .isEqualTo(new ApprovalPolicy(1, null, Duration.ofMinutes(1), Set.of()));
    assertThat(environment(yaml, "prod").lockAfterRollback()).isFalse();
  }

  @Test
  void aProtectedEnvironmentNeedsAtLeastOneApprover() {
    CatalogYaml yaml = withProd("    approvals:\n      count: 0");

    assertThat(problems(yaml))
        .containsExactly(
            "12: environments.prod.approvals.count: a protected environment needs at least one"
                + " approver; remove protected or set approvals.count");
  }

  @Test
  void countIsFromZeroToTen() {
    assertThat(problems(withProd("    approvals: {count: 11}")))
        .containsExactly(
            "11: environments.prod.approvals.count: expected a whole number from 0 to 10, got"
                + " '11'");
    assertThat(problems(withProd("    approvals: {count: one}")))
        .containsExactly(
            "11: environments.prod.approvals.count: expected a whole number from 0 to 10, got"
                + " 'one'");
  }

  @Test
  void fromMustNameADeclaredRole() {
    CatalogYaml yaml = withProd("    approvals: {from: release-manager}");
    CatalogYaml noRoles = withProd("    approvals: {from: ops}").without("roles");

    assertThat(problems(yaml))
        .containsExactly(
            "11: environments.prod.approvals.from: unknown role 'release-manager' (did you mean"
                + " 'release-managers'?); roles are: release-managers, developers");
    assertThat(problems(noRoles))
        .containsExactly(
            "11: environments.prod.approvals.from: unknown role 'ops'; no roles are defined");
  }

  @Test
  void aRoleDeclaredAfterTheEnvironmentsCounts() throws Exception {
    CatalogYaml yaml =
        withProd("    approvals: {from: developers}")
            .without("roles")
            .with("roles", "\n  developers:\n    grants: [\"deploy:prod\"]");

    assertThat(environment(yaml, "prod").approvals().fromRole()).isEqualTo("developers");
  }

  @Test
  void expiryIsADurationFromOneMinuteToADay() {
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with(
                "environments",
                """

                  staging: {cluster: staging, approvals: {expires: 30s}}
                  prod: {cluster: prod, approvals: {expires: 25h}}
                  qa: {cluster: prod, approvals: {expires: soon}}
                  dev: {cluster: prod, approvals: {expires: 1440m}}
                """
                    .stripTrailing());

    assertThat(problems(yaml))
        .containsExactly(
            "7: environments.staging.approvals.expires: expected a duration from 1m to 24h, got"
                + " '30s'",
            "8: environments.prod.approvals.expires: expected a duration from 1m to 24h, got"
                + " '25h'",
            "9: environments.qa.approvals.expires: 'soon' is not a duration; write e.g. 400ms,"
                + " 5s, 2m or 2h");
  }

  @Test
  void exemptNamesActionsOfTheGrantList() {
    CatalogYaml yaml =
        withProd("    approvals:\n      exempt: [rollbak, \"*\", rollback, rollback, \"\", ~]");

    assertThat(problems(yaml))
        .containsExactly(
            "12: environments.prod.approvals.exempt[0]: unknown action 'rollbak' (did you mean"
                + " 'rollback'?); actions are: "
                + String.join(", ", RoleSection.NAMED_ACTIONS),
            "12: environments.prod.approvals.exempt[1]: '*' cannot be exempt; name the actions,"
                + " e.g. [rollback]",
            "12: environments.prod.approvals.exempt[3]: action 'rollback' is listed twice",
            "12: environments.prod.approvals.exempt[4]: must not be empty",
            "12: environments.prod.approvals.exempt[5]: must not be empty");
  }

  @Test
  void approvalsIsAMapOfKnownKeys() {
    assertThat(problems(withProd("    approvals: {count: 1, role: developers}")))
        .containsExactly(
            "11: environments.prod.approvals: unknown key 'role'; expected one of: count, from,"
                + " expires, exempt");
    assertThat(problems(withProd("    approvals: 2")))
        .containsExactly("11: environments.prod.approvals: expected a map (key: value), got '2'");
  }

  @Test
  void everyApprovalProblemIsReportedTogether() {
    CatalogYaml yaml =
        withProd(
            "    approvals: {count: 0, from: admins, expires: 0m, exempt: [ship]}\n"
                + "    lock-after-rollback: maybe");

    assertThat(problems(yaml))
        .containsExactly(
            "11: environments.prod.approvals.count: a protected environment needs at least one"
                + " approver; remove protected or set approvals.count",
            "11: environments.prod.approvals.from: unknown role 'admins'; roles are:"
                + " release-managers, developers",
            "11: environments.prod.approvals.expires: '0m' is not a duration; write e.g. 400ms,"
                + " 5s, 2m or 2h",
            "11: environments.prod.approvals.exempt[0]: unknown action 'ship'; actions are: "
                + String.join(", ", RoleSection.NAMED_ACTIONS),
            "12: environments.prod.lock-after-rollback: expected true or false, got 'maybe'");
  }

  @Test
  void lockAfterRollbackDefaultsToProtectedAndCanBeSetEitherWay() throws Exception {
    CatalogYaml yaml =
        CatalogYaml.valid()
            .with(
                "environments",
                "\n  staging: {cluster: staging, lock-after-rollback: true}\n"
                    + "  prod: {cluster: prod, protected: true, lock-after-rollback: false}");

    assertThat(environment(yaml, "staging").lockAfterRollback()).isTrue();
    assertThat(environment(yaml, "prod").lockAfterRollback()).isFalse();
  }

  @Test
  void environmentKeysListTheNewOnes() {
    assertThat(problems(withProd("    approval: {count: 1}")))
        .containsExactly(
            "11: environments.prod: unknown key 'approval'; expected one of: cluster, protected,"
                + " auto-rollback, channels, approvals, freezes, lock-after-rollback, zone");
  }
}
