package dev.deckhand.commands.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.TestCatalogs;
import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.command.Sql;
import dev.deckhand.commands.command.SqlMigrate;
import dev.deckhand.commands.engine.Engine;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class SqlCommandParserTest {
  private final CommandParser parser = new CommandParser(Engine.COMMANDS, catalog());

  static Catalog catalog() {
    return TestCatalogs.coachpilot();
  }

  @Test
  void parsesOneQuotedStatementWithTheDefaultEnvironment() {
    Sql s = (Sql) parser.parse("/sql coachpilot \"SELECT name FROM users WHERE id = 'a;b'\"");
    assertThat(s.database().name()).isEqualTo("coachpilot");
    assertThat(s.environment().name()).isEqualTo("staging");
    assertThat(s.statement()).isEqualTo("SELECT name FROM users WHERE id = 'a;b'");
    assertThat(s.service().name()).isEqualTo("coachpilot");
    assertThat(s.target().deployment()).isEqualTo("postgres");
    assertThat(s.action()).isEqualTo("sql");
  }

  @Test
  void aTrailingSemicolonAndProdNamedExplicitlyAreFine() {
    Sql s = (Sql) parser.parse("/sql COACHPILOT 'DELETE FROM sessions;' --env prod --dry-run");
    assertThat(s.environment().name()).isEqualTo("prod");
    assertThat(s.dryRun()).isTrue();
    assertThat(s.statement()).isEqualTo("DELETE FROM sessions;");
  }

  @Test
  void severalStatementsAreRefusedSayingToSendOne() {
    refused("/sql coachpilot \"DELETE FROM a; DELETE FROM b\"")
        .hasMessage("/sql runs one statement at a time; this has 2")
        .extracting(e -> ((UsageException) e).hint())
        .asString()
        .contains("send each statement as its own /sql");
  }

  @Test
  void semicolonsInStringsCommentsAndDollarQuotesDoNotSplit() {
    assertThat(parser.parse("/sql coachpilot \"DO $$ BEGIN PERFORM 1; END $$ -- a; comment\""))
        .isInstanceOf(Sql.class);
    assertThat(parser.parse("/sql coachpilot \"SELECT 1 /* ; */ ;  \"")).isInstanceOf(Sql.class);
  }

  @Test
  void anEmptyStatementAnUnknownDatabaseAndAnUnquotedStatementAreRefused() {
    refused("/sql coachpilot \" ; -- nothing\"").hasMessage("there is no SQL statement to run");
    refused("/sql coachpilt \"SELECT 1\"")
        .hasMessage("there is no database 'coachpilt'")
        .extracting(e -> ((UsageException) e).hint())
        .isEqualTo("databases are: coachpilot");
    refused("/sql coachpilot SELECT 1").hasMessageContaining("unexpected '1'");
    refused("/sql coachpilot").hasMessageContaining("<statement>");
    refused("/sql coachpilot \"SELECT 1\" --env qa").hasMessage("there is no environment 'qa'");
  }

  @Test
  void parsesASqlMigrate() {
    SqlMigrate m = (SqlMigrate) parser.parse("/sql-migrate gateway --env staging --dry-run");
    assertThat(m.service().name()).isEqualTo("gateway");
    assertThat(m.database().name()).isEqualTo("coachpilot");
    assertThat(m.target().deployment()).isEqualTo("postgres");
    assertThat(m.dryRun()).isTrue();
    assertThat(m.action()).isEqualTo("sql-migrate");
  }

  @Test
  void aServiceWithoutSqlMigrationsIsRefusedWithWhatToDeclare() {
    refused("/sql-migrate quiz --env staging")
        .hasMessage("quiz has no SQL migrations")
        .extracting(e -> ((UsageException) e).hint())
        .asString()
        .contains("migrate: { sql: { database: <db>, dir: <path> } }");
    refused("/sql-migrate gateway --env prod --break-glass").isInstanceOf(UsageException.class);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> refused(String line) {
    return assertThatThrownBy(() -> parser.parse(line)).isInstanceOf(UsageException.class);
  }
}
