package dev.deckhand.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Writes the audit trail as JSON lines, oldest first: one object per row, members {@code seq, at,
 * actor_platform, actor_id, actor_name, actor_person, action, service, environment, operation_id,
 * detail, prev_hash, hash}, each line ended by {@code \n}. {@code at} is ISO-8601 UTC with
 * microseconds, a system actor and a missing operation are {@code null}; {@code actor_person} (the
 * catalog's person, or {@code platform:id}) is {@code null} on rows stored before people existed.
 * The output carries the hashes, so it can be re-verified elsewhere. This backs {@code deckhand
 * audit export}. Blocking, streaming, read-only, thread-safe; it neither flushes nor closes the
 * writer.
 */
public final class AuditExporter {

  private final AuditRows rows;

  public AuditExporter(DataSource dataSource) {
    this.rows = new AuditRows(new Jdbc(Objects.requireNonNull(dataSource, "dataSource")));
  }

  /**
   * Writes every row to {@code out}.
   *
   * @return the number of rows written
   * @throws StoreException when the database cannot be read
   * @throws UncheckedIOException when the writer fails
   */
  public long export(Writer out) {
    Objects.requireNonNull(out, "out");
    return rows.walk(
        "while exporting the audit trail",
        row -> {
          write(out, line(row));
          return true;
        });
  }

  static String line(AuditRow row) {
    return new Json()
        .number("seq", row.seq())
        .string("at", AuditHash.format(row.at()))
        .string("actor_platform", row.actor() == null ? null : row.actor().platform())
        .string("actor_id", row.actor() == null ? null : row.actor().id())
        .string("actor_name", row.actor() == null ? null : row.actor().displayName())
        .string("actor_person", row.person())
        .string("action", row.action())
        .string("service", row.service())
        .string("environment", row.environment())
        .number("operation_id", row.operationId())
        .string("detail", row.detail())
        .string("prev_hash", row.prevHash())
        .string("hash", row.hash())
        .toString();
  }

  private static void write(Writer out, String line) {
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("while exporting the audit trail", e);
    }
  }
}
