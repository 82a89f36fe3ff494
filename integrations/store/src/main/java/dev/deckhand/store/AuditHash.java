package dev.deckhand.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The audit chain's hash: lowercase hex SHA-256 over a canonical encoding of a row.
 *
 * <p>The encoding is the tag {@code deckhand-audit-v1} followed by the fields seq, at, actor
 * platform, actor id, actor name, action, service, environment, operation id, detail and prev_hash,
 * in that order. Each field is written as {@code <n>:<value>,} where {@code <n>} is the length of
 * the value in UTF-8 bytes, or as {@code ~,} when the field is null; numbers are decimal, {@code
 * at} is ISO-8601 in UTC with exactly six fraction digits ({@code 2026-05-19T10:15:30.123456Z}).
 * Length prefixes make the encoding unambiguous whatever the values contain. Changing it means a
 * new tag and a migration path for old rows.
 *
 * <p>A row that records its actor's person is hashed as {@code deckhand-audit-v2}: the same fields,
 * with the person after the actor name. Rows without a person (stored before people existed, and
 * the system's) keep the v1 encoding, so that an old trail still verifies; clearing the person of a
 * v2 row changes its hash.
 */
final class AuditHash {

  /** The prev_hash of the first row. */
  static final String GENESIS = "0".repeat(64);

  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private AuditHash() {}

  static String of(AuditRow row) {
    StringBuilder text = new StringBuilder();
    field(text, row.person() == null ? "deckhand-audit-v1" : "deckhand-audit-v2");
    field(text, Long.toString(row.seq()));
    field(text, format(row.at()));
    field(text, row.actor() == null ? null : row.actor().platform());
    field(text, row.actor() == null ? null : row.actor().id());
    field(text, row.actor() == null ? null : row.actor().displayName());
    if (row.person() != null) {
      field(text, row.person());
    }
    field(text, row.action());
    field(text, row.service());
    field(text, row.environment());
    field(text, row.operationId() == null ? null : Long.toString(row.operationId()));
    field(text, row.detail());
    field(text, row.prevHash());
    return sha256(text.toString());
  }

  /** The timestamp format the hash uses, also used for export. */
  static String format(Instant at) {
    return AT.format(Columns.micros(at));
  }

  private static void field(StringBuilder text, String value) {
    if (value == null) {
      text.append("~,");
      return;
    }
    text.append(value.getBytes(StandardCharsets.UTF_8).length)
        .append(':')
        .append(value)
        .append(',');
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
