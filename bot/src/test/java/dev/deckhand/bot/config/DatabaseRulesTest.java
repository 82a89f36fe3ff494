package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.DatabaseSpec;
import dev.deckhand.commands.exec.PodSelector;
import dev.deckhand.commands.model.Target;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code databases:} and a service's {@code migrate: { sql: … }}. */
class DatabaseRulesTest {
  @TempDir Path dir;

  private static final String DB =
      """

        coachpilot:
          targets:
            staging: {namespace: data, statefulset: postgres}
            prod: {namespace: data, deployment: pg}
          database: app
          user: app
      """
          .stripTrailing();

  private static CatalogYaml withMigration(String migrate) {
    return CatalogYaml.valid()
        .with(
            "services",
            """

              gateway:
                image: acme/gateway
                targets:
                  staging: {namespace: web, deployment: gateway}
            """
                + migrate.stripTrailing());
  }

  private Catalog load(CatalogYaml yaml) throws CatalogException {
    return new Loading(dir).load(yaml.text()).catalog();
  }

  private List<String> problems(CatalogYaml yaml) {
    return new Loading(dir).problems(yaml.text());
  }

  @Test
  void aDatabaseHasATargetPerEnvironmentAndDefaults() throws Exception {
    Catalog c =
        load(
            CatalogYaml.valid()
                .with("databases", DB)
                .with(
                    "databases",
                    DB + "\n  other:\n    targets: {staging: {namespace: x, pod: pg-0}}"));
    DatabaseSpec db = c.database("coachpilot").orElseThrow();
    assertThat(db.container()).isEqualTo("postgres");
    assertThat(db.database()).isEqualTo("app");
    assertThat(db.user()).isEqualTo("app");
    assertThat(db.location("staging").orElseThrow().pod())
        .isEqualTo(new PodSelector(PodSelector.Kind.STATEFULSET, "postgres"));
    assertThat(db.location("staging").orElseThrow().target())
        .isEqualTo(new Target("staging", "data", "postgres", "postgres"));
    assertThat(db.location("prod").orElseThrow().pod())
        .isEqualTo(new PodSelector(PodSelector.Kind.DEPLOYMENT, "pg"));
    DatabaseSpec other = c.database("other").orElseThrow();
    assertThat(other.database()).isEqualTo("other");
    assertThat(other.user()).isEqualTo("postgres");
    assertThat(other.location("staging").orElseThrow().pod().kind())
        .isEqualTo(PodSelector.Kind.POD);
  }

  @Test
  void aTargetNamesExactlyOnePodAndAKnownEnvironment() {
    assertThat(
            problems(
                CatalogYaml.valid()
                    .with(
                        "databases",
                        "\n  db:\n    targets:\n      staging: {namespace: data}\n"
                            + "      prod: {namespace: data, deployment: a, pod: b}\n"
                            + "      qa: {namespace: data, pod: b}")))
        .anySatisfy(
            p -> assertThat(p).contains("say which pod: one of deployment, statefulset or pod"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "give only one of deployment, statefulset or pod, not deployment and pod"))
        .anySatisfy(p -> assertThat(p).contains("qa"));
    assertThat(problems(CatalogYaml.valid().with("databases", "\n  db: {container: pg}")))
        .anySatisfy(p -> assertThat(p).contains("databases.db.targets: required"));
  }

  @Test
  void aDatabaseMayNotTakeAServicesName() {
    assertThat(
            problems(
                CatalogYaml.valid()
                    .with(
                        "databases",
                        "\n  gateway:\n    targets: {staging: {namespace: d, deployment: pg}}")))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("database 'gateway' has the name of service 'gateway'")
                    .contains("gateway-db"));
  }

  @Test
  void aServiceMigratesSqlFilesFromADirectoryBesideTheCatalog() throws Exception {
    Catalog c =
        load(
            withMigration("\n    migrate:\n      sql: {database: coachpilot, dir: sql/coachpilot}")
                .with("databases", DB));
    var sql = c.service("gateway").orElseThrow().sql().orElseThrow();
    assertThat(sql.database()).isEqualTo("coachpilot");
    assertThat(sql.dir()).isEqualTo(dir.resolve("sql/coachpilot"));
    assertThat(c.service("dashboard")).isEmpty();
  }

  @Test
  void aServiceMayHaveAMigrationJobAndSqlFilesSideBySide() throws Exception {
    Catalog c =
        load(
            withMigration(
                    "\n    migrate:\n      job: {command: [goose, up]}\n"
                        + "      sql: {database: coachpilot, dir: sql}")
                .with("databases", DB));
    var gateway = c.service("gateway").orElseThrow();
    assertThat(gateway.migrationJob()).isPresent();
    assertThat(gateway.sql().orElseThrow().dir()).isEqualTo(dir.resolve("sql"));
  }

  @Test
  void aMigrationNamesADeclaredDatabaseAndADirectory() {
    assertThat(
            problems(
                withMigration("\n    migrate:\n      sql: {database: coachpilott, dir: sql}")
                    .with("databases", DB)))
        .anySatisfy(p -> assertThat(p).contains("coachpilott").contains("coachpilot"));
    assertThat(
            problems(
                withMigration("\n    migrate:\n      sql: {database: coachpilot}")
                    .with("databases", DB)))
        .anySatisfy(p -> assertThat(p).contains("migrate.sql.dir: required"));
    assertThat(problems(withMigration("\n    migrate:\n      flyway: {}").with("databases", DB)))
        .anySatisfy(p -> assertThat(p).contains("flyway"));
  }
}
