package dev.deckhand.store;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.ApprovalStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ApprovalStore} on the {@code approval} and {@code vote} tables. Votes are keyed by the
 * voter's person ({@link Actor#person()}, resolved by the engine): one person voting from two
 * platforms holds one vote, the later replacing the earlier. A vote is one upsert, so two
 * deliveries of the same reaction race harmlessly; {@link #close} is a conditional update, so of
 * two concurrent closers exactly one wins. Vote times come from the database clock, so that votes
 * taken by several replicas order correctly.
 */
final class JdbcApprovalStore implements ApprovalStore {

  static final String PENDING = "pending";
  private static final Set<String> FINAL_STATES =
      Set.of("approved", "rejected", "expired", "cancelled");
  private static final String SELECT =
      "SELECT operation_id, plan_hash, conversation, message_id, required, from_role, expires,"
          + " state FROM approval ";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final Jdbc jdbc;

  JdbcApprovalStore(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  /**
   * Stores the request as {@code pending} (its state must be pending or null).
   *
   * @throws StoreException when the operation does not exist or already has a request
   */
  @Override
  public void open(Request request) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(request.planHash(), "planHash");
    Objects.requireNonNull(request.expires(), "expires");
    if (request.state() != null && !request.state().equals(PENDING)) {
      throw new IllegalArgumentException(
          "a request opens pending, not "
              + request.state()
              + " (operation "
              + request.operationId()
              + ")");
    }
    long id = request.operationId();
    String context = "while opening the approval request of operation " + id;
    jdbc.transaction(
        context,
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO approval (operation_id, plan_hash, conversation, message_id,"
                      + " required, from_role, expires, state, created)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, clock_timestamp())")) {
            insert.setLong(1, id);
            insert.setString(2, request.planHash());
            insert.setString(3, Columns.orEmpty(request.conversation()));
            insert.setString(4, Columns.orEmpty(request.messageId()));
            insert.setInt(5, request.required());
            insert.setString(6, request.fromRole());
            Columns.setInstant(insert, 7, request.expires());
            insert.setString(8, PENDING);
            insert.executeUpdate();
          } catch (SQLException e) {
            throw refusal(context, e, "it already has one", "no such operation");
          }
          return null;
        });
  }

  @Override
  public Optional<Request> forOperation(long operationId) {
    return one(
        "while reading the approval request of operation " + operationId,
        "WHERE operation_id = ?",
        query -> query.setLong(1, operationId));
  }

  /** Empty for an empty message id: a request whose message was not posted yet has none. */
  @Override
  public Optional<Request> forMessage(String conversation, String messageId) {
    if (conversation == null || messageId == null || messageId.isEmpty()) {
      return Optional.empty();
    }
    return one(
        "while finding the approval request of message " + messageId,
        "WHERE conversation = ? AND message_id = ? ORDER BY created DESC LIMIT 1",
        query -> {
          query.setString(1, conversation);
          query.setString(2, messageId);
        });
  }

  @Override
  public List<Request> pending() {
    return jdbc.read(
        "while listing pending approval requests",
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  SELECT + "WHERE state = 'pending' ORDER BY created, operation_id")) {
            return requests(query);
          }
        });
  }

  /**
   * @throws StoreException when the operation has no request
   */
  @Override
  public boolean vote(long operationId, Actor voter, boolean approve, String planHash) {
    Objects.requireNonNull(voter, "voter");
    Objects.requireNonNull(planHash, "planHash");
    String context = "while recording the vote of " + voter.id() + " on operation " + operationId;
    return jdbc.transaction(
        context,
        connection -> {
          // The WHERE of DO UPDATE leaves an identical vote alone, so it reports 0 rows.
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT INTO vote (operation_id, voter_platform, voter_id, voter_name,"
                      + " voter_person, approve, plan_hash, at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, clock_timestamp())"
                      + " ON CONFLICT (operation_id, voter_person) DO UPDATE"
                      + " SET voter_platform = EXCLUDED.voter_platform,"
                      + " voter_id = EXCLUDED.voter_id, voter_name = EXCLUDED.voter_name,"
                      + " approve = EXCLUDED.approve, plan_hash = EXCLUDED.plan_hash,"
                      + " at = EXCLUDED.at"
                      + " WHERE vote.approve <> EXCLUDED.approve"
                      + " OR vote.plan_hash <> EXCLUDED.plan_hash")) {
            upsert.setLong(1, operationId);
            Columns.setActor(upsert, 2, voter);
            upsert.setString(5, voter.person());
            upsert.setBoolean(6, approve);
            upsert.setString(7, planHash);
            return upsert.executeUpdate() == 1;
          } catch (SQLException e) {
            throw refusal(context, e, null, "no approval request");
          }
        });
  }

  @Override
  public boolean withdraw(long operationId, Actor voter) {
    Objects.requireNonNull(voter, "voter");
    return jdbc.transaction(
        "while withdrawing the vote of " + voter.id() + " on operation " + operationId,
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM vote WHERE operation_id = ? AND voter_person = ?")) {
            delete.setLong(1, operationId);
            delete.setString(2, voter.person());
            return delete.executeUpdate() > 0;
          }
        });
  }

  @Override
  public List<Vote> votes(long operationId) {
    return jdbc.read(
        "while reading the votes on operation " + operationId,
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT v.voter_platform, v.voter_id, v.voter_name, v.voter_person, v.approve,"
                      + " v.plan_hash,"
                      + " v.at FROM vote v JOIN approval a ON a.operation_id = v.operation_id"
                      + " AND a.plan_hash = v.plan_hash WHERE v.operation_id = ?"
                      + " ORDER BY v.at, v.voter_platform, v.voter_id")) {
            query.setLong(1, operationId);
            List<Vote> votes = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                votes.add(
                    new Vote(
                        Columns.person(rows, "voter"),
                        rows.getBoolean("approve"),
                        rows.getString("plan_hash"),
                        Columns.instant(rows, "at")));
              }
            }
            return votes;
          }
        });
  }

  /**
   * Changes a pending request; a request no longer pending is left as it was decided.
   *
   * @throws StoreException when the operation has no request
   */
  @Override
  public void replan(long operationId, String planHash, String messageId) {
    Objects.requireNonNull(planHash, "planHash");
    String context = "while replanning the approval request of operation " + operationId;
    jdbc.transaction(
        context,
        connection -> {
          // Locks the request row first, so a concurrent vote lands wholly before or after.
          if (!lockPending(connection, operationId, context)) {
            return null;
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE approval SET plan_hash = ?, message_id = ? WHERE operation_id = ?")) {
            update.setString(1, planHash);
            update.setString(2, Columns.orEmpty(messageId));
            update.setLong(3, operationId);
            update.executeUpdate();
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM vote WHERE operation_id = ?")) {
            delete.setLong(1, operationId);
            delete.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public boolean close(long operationId, String state) {
    if (!FINAL_STATES.contains(state)) {
      throw new IllegalArgumentException(
          "an approval request closes as one of " + FINAL_STATES + ", not " + state);
    }
    return jdbc.transaction(
        "while closing the approval request of operation " + operationId + " as " + state,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE approval SET state = ? WHERE operation_id = ? AND state = 'pending'")) {
            update.setString(1, state);
            update.setLong(2, operationId);
            return update.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean approve(long operationId, String planHash) {
    Objects.requireNonNull(planHash, "planHash");
    return jdbc.transaction(
        "while approving the request of operation " + operationId,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE approval SET state = 'approved'"
                      + " WHERE operation_id = ? AND state = 'pending' AND plan_hash = ?")) {
            update.setLong(1, operationId);
            update.setString(2, planHash);
            return update.executeUpdate() == 1;
          }
        });
  }

  /** Locks the request row; false if it is no longer pending, throws if there is none. */
  private static boolean lockPending(Connection connection, long operationId, String context)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT state FROM approval WHERE operation_id = ? FOR UPDATE")) {
      query.setLong(1, operationId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) {
          throw new StoreException(context + ": no approval request");
        }
        return rows.getString("state").equals(PENDING);
      }
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement query) throws SQLException;
  }

  private Optional<Request> one(String context, String where, Binder binder) {
    return jdbc.read(
        context,
        connection -> {
          try (PreparedStatement query = connection.prepareStatement(SELECT + where)) {
            binder.bind(query);
            return requests(query).stream().findFirst();
          }
        });
  }

  private static List<Request> requests(PreparedStatement query) throws SQLException {
    List<Request> requests = new ArrayList<>();
    try (ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        requests.add(
            new Request(
                rows.getLong("operation_id"),
                rows.getString("plan_hash"),
                rows.getString("conversation"),
                rows.getString("message_id"),
                rows.getInt("required"),
                rows.getString("from_role"),
                Columns.instant(rows, "expires"),
                rows.getString("state")));
      }
    }
    return requests;
  }

  /** A constraint violation said plainly; any other failure with the driver's message. */
  private static StoreException refusal(
      String context, SQLException e, String onDuplicate, String onMissing) {
    if (onDuplicate != null && UNIQUE_VIOLATION.equals(e.getSQLState())) {
      return new StoreException(context + ": " + onDuplicate, e);
    }
    if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
      return new StoreException(context + ": " + onMissing, e);
    }
    return new StoreException(context + ": " + e.getMessage(), e);
  }
}
