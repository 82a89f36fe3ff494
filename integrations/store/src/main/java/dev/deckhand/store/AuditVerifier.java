package dev.deckhand.store;

import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Checks the audit trail's hash chain, oldest row first, and names the first row that breaks it.
 * This backs {@code deckhand audit verify}. Blocking (it reads every row, streaming), read-only,
 * thread-safe.
 *
 * <p>What it can see: a row whose content was changed (its hash no longer matches), a deleted row
 * (a gap in seq, or a row whose prev_hash points at a row no longer before it), an inserted row (a
 * row its successor's prev_hash skips, or a row that neither links to its predecessor nor matches
 * its own hash). What it cannot see, because the hash is not keyed: a chain rewritten from the
 * tampered row to the end with fresh hashes, and the newest rows cut off. Compare {@link
 * Result#lastSeq()} and {@link Result#lastHash()} with a value kept outside the database to catch
 * those.
 */
public final class AuditVerifier {

  /** How the chain was broken. */
  public enum Tampering {
    /** The row's content no longer matches its hash. */
    CHANGED,
    /** One or more rows are missing at or before the named seq. */
    DELETED,
    /** The named row was not appended by Deckhand in its place. */
    INSERTED
  }

  /**
   * The first break found.
   *
   * @param seq the first bad row (for {@link Tampering#DELETED} with a gap: the first missing seq)
   * @param message one sentence for the operator
   */
  public record Problem(Tampering kind, long seq, String message) {}

  /**
   * The outcome of one verification.
   *
   * @param rowsChecked rows read, up to and including the first bad one
   * @param lastSeq the seq of the last row that checked out, 0 if none
   * @param lastHash its hash, or 64 zeros if none
   * @param problem the first break, empty when the whole chain is intact
   */
  public record Result(long rowsChecked, long lastSeq, String lastHash, Optional<Problem> problem) {
    public boolean valid() {
      return problem.isEmpty();
    }
  }

  private final AuditRows rows;

  public AuditVerifier(DataSource dataSource) {
    this.rows = new AuditRows(new Jdbc(Objects.requireNonNull(dataSource, "dataSource")));
  }

  /**
   * Walks the whole chain.
   *
   * @throws StoreException when the database cannot be read
   */
  public Result verify() {
    Walk walk = new Walk();
    long checked = rows.walk("while verifying the audit trail", walk::accept);
    return new Result(checked, walk.lastSeq, walk.lastHash, Optional.ofNullable(walk.problem));
  }

  /** The state of one walk: the last good row, the hash before it, the first problem. */
  private static final class Walk {
    private long lastSeq;
    private String lastHash = AuditHash.GENESIS;
    private String hashBeforeLast;
    private Problem problem;

    boolean accept(AuditRow row) {
      problem = check(row);
      if (problem != null) {
        return false;
      }
      hashBeforeLast = lastHash;
      lastSeq = row.seq();
      lastHash = row.hash();
      return true;
    }

    private Problem check(AuditRow row) {
      long expectedSeq = lastSeq + 1;
      if (row.seq() > expectedSeq) {
        return new Problem(
            Tampering.DELETED,
            expectedSeq,
            String.format("rows %d to %d are missing: deleted", expectedSeq, row.seq() - 1));
      }
      if (row.seq() < expectedSeq) {
        return new Problem(
            Tampering.INSERTED,
            row.seq(),
            String.format("row %d is out of order: inserted", row.seq()));
      }
      boolean ownHashMatches = row.hash().equals(row.expectedHash());
      if (!row.prevHash().equals(lastHash)) {
        if (lastSeq > 0 && row.prevHash().equals(hashBeforeLast)) {
          return new Problem(
              Tampering.INSERTED,
              lastSeq,
              String.format(
                  "row %d is not in the chain (row %d links past it to row %d): inserted",
                  lastSeq, row.seq(), lastSeq - 1));
        }
        if (!ownHashMatches) {
          return new Problem(
              Tampering.INSERTED,
              row.seq(),
              String.format(
                  "row %d neither links to row %d nor matches its own hash: inserted or"
                      + " altered by hand",
                  row.seq(), lastSeq));
        }
        return new Problem(
            Tampering.DELETED,
            row.seq(),
            String.format(
                "row %d links to a row that is no longer before it: a row before it was deleted"
                    + " and the rest renumbered, or rewritten with a new hash",
                row.seq()));
      }
      if (!ownHashMatches) {
        return new Problem(
            Tampering.CHANGED,
            row.seq(),
            String.format("row %d no longer matches its hash: changed", row.seq()));
      }
      return null;
    }
  }
}
