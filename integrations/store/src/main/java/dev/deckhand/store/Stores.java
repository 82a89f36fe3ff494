package dev.deckhand.store;

import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.BoardStore;
import dev.deckhand.commands.ports.DeliveryLog;
import dev.deckhand.commands.ports.FreezeStore;
import dev.deckhand.commands.ports.LockStore;
import dev.deckhand.commands.ports.OperationStore;
import dev.deckhand.commands.ports.SqlLedger;
import dev.deckhand.commands.ports.Timeline;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The store's implementations of the core's ports, all on one database. Obtain it from {@link
 * Database#stores()}. Every port here is thread-safe and blocking, and each call is its own
 * transaction on its own connection.
 */
public final class Stores {

  private final OperationStore operations;
  private final Timeline timeline;
  private final AuditLog audit;
  private final ApprovalStore approvals;
  private final LockStore locks;
  private final FreezeStore freezes;
  private final DeliveryLog deliveries;
  private final BoardStore boards;
  private final AuditVerifier auditVerifier;
  private final AuditExporter auditExporter;
  private final SqlLedger sqlLedger;

  Stores(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    Jdbc jdbc = new Jdbc(dataSource);
    this.operations = new JdbcOperationStore(jdbc);
    this.timeline = new JdbcTimeline(jdbc);
    this.audit = new JdbcAuditLog(jdbc);
    this.approvals = new JdbcApprovalStore(jdbc);
    this.locks = new JdbcLockStore(jdbc);
    this.freezes = new JdbcFreezeStore(jdbc);
    this.deliveries = new JdbcDeliveryLog(jdbc);
    this.boards = new JdbcBoardStore(jdbc);
    this.auditVerifier = new AuditVerifier(dataSource);
    this.auditExporter = new AuditExporter(dataSource);
    this.sqlLedger = new JdbcSqlLedger(jdbc);
  }

  public OperationStore operations() {
    return operations;
  }

  public Timeline timeline() {
    return timeline;
  }

  /** The hash-chained audit trail; appends from several processes are serialised. */
  public AuditLog audit() {
    return audit;
  }

  /** Approval requests and votes; a request is closed by exactly one of concurrent closers. */
  public ApprovalStore approvals() {
    return approvals;
  }

  /** Service locks; acquiring is atomic across processes on this database. */
  public LockStore locks() {
    return locks;
  }

  public FreezeStore freezes() {
    return freezes;
  }

  /**
   * Delivery keys, atomic across processes; keys older than a week are pruned now and then by the
   * calls themselves.
   */
  public DeliveryLog deliveries() {
    return deliveries;
  }

  /** The channel boards posted and not yet closed (ADR 0008). */
  public BoardStore boards() {
    return boards;
  }

  public AuditVerifier auditVerifier() {
    return auditVerifier;
  }

  public AuditExporter auditExporter() {
    return auditExporter;
  }

  /** The SQL migration files applied per database and environment ({@code /sql-migrate}). */
  public SqlLedger sqlLedger() {
    return sqlLedger;
  }
}
