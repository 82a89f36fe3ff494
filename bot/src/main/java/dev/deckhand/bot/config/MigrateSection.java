package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.MigrationJob;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A service's {@code migrate: {job: {command: [goose, up], timeout: 30m}}}: the Job that must
 * complete before a new image is set. {@code migrate.sql} (SQL files for {@code /sql-migrate}) is
 * read by {@link SqlMigrateSection}; this class only accepts the key. The command is a list (argv),
 * never a shell line; the timeout is from 1m to 24h and defaults to 30m.
 */
final class MigrateSection {
  private MigrateSection() {}

  /**
   * @return the migration Job; empty when {@code migrate:} is absent, or wrong (reported)
   */
  static Optional<MigrationJob> parse(Optional<YamlNode> node) {
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get().isNull()) {
      node.get().problem("must not be empty; write e.g. {job: {command: [goose, up]}}");
      return Optional.empty();
    }
    Optional<YamlMap> map = node.get().map("job", "sql");
    if (map.isPresent() && map.get().get("sql").isPresent() && map.get().get("job").isEmpty()) {
      return Optional.empty(); // SQL files only: SqlMigrateSection reads them
    }
    return map.flatMap(
            m ->
                m.required(
                    "job",
                    "; write e.g. {job: {command: [goose, up]}} or {sql: {database: db, dir:"
                        + " sql}}"))
        .flatMap(MigrateSection::job);
  }

  private static Optional<MigrationJob> job(YamlNode node) {
    Optional<YamlMap> found = node.map("command", "timeout");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<List<String>> command =
        map.required("command", "; write the argv list, e.g. [goose, up]")
            .flatMap(MigrateSection::command);
    Optional<Duration> timeout =
        map.get("timeout").isEmpty()
            ? Optional.of(MigrationJob.DEFAULT_TIMEOUT)
            : map.get("timeout").flatMap(MigrateSection::timeout);
    if (command.isEmpty() || timeout.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new MigrationJob(command.get(), timeout.get()));
  }

  private static Optional<List<String>> command(YamlNode node) {
    if (node.isScalar()) {
      node.problem(
          "write the command as a list, e.g. [goose, up]: Deckhand starts it without a shell");
      return Optional.empty();
    }
    Optional<List<String>> argv = node.texts();
    if (argv.isPresent() && argv.get().isEmpty()) {
      node.problem("must not be empty; write e.g. [goose, up]");
      return Optional.empty();
    }
    return argv;
  }

  private static Optional<Duration> timeout(YamlNode node) {
    Optional<Duration> value = node.duration();
    if (value.isPresent()
        && (value.get().compareTo(MigrationJob.SHORTEST) < 0
            || value.get().compareTo(MigrationJob.LONGEST) > 0)) {
      node.problem(
          "expected a duration from 1m to 24h, got " + YamlNode.quote(node.text().orElseThrow()));
      return Optional.empty();
    }
    return value;
  }
}
