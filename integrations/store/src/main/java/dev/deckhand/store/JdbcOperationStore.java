package dev.deckhand.store;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationRecord;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.ports.OperationStore;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link OperationStore} on the {@code operation} and {@code operation_step} tables. Each call is
 * one transaction; reads are single statements, so an operation and its steps are always seen from
 * the same snapshot.
 */
final class JdbcOperationStore implements OperationStore {

  private static final String SELECT =
      "SELECT o.id, o.kind, o.requester_platform, o.requester_id, o.requester_name, o.service,"
          + " o.environment, o.command_text, o.state, o.conversation, o.message_id, o.created,"
          + " o.updated, s.position, s.name AS step_name, s.title AS step_title,"
          + " s.state AS step_state, s.detail AS step_detail"
          + " FROM operation o LEFT JOIN operation_step s ON s.operation_id = o.id ";

  private final Jdbc jdbc;

  JdbcOperationStore(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public long create(
      String kind,
      Actor requester,
      String service,
      String environment,
      String commandText,
      OperationState state,
      List<StepRecord> steps,
      String conversation,
      Map<String, String> params) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(commandText, "commandText");
    Objects.requireNonNull(state, "state");
    List<StepRecord> plan = List.copyOf(steps);
    String paramsJson = OperationParams.toJson(params);
    return jdbc.transaction(
        "while creating a " + kind + " operation",
        connection -> {
          long id;
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO operation (kind, requester_platform, requester_id, requester_name,"
                      + " service, environment, command_text, state, conversation, params,"
                      + " created, updated)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now(), now()) RETURNING id")) {
            insert.setString(1, kind);
            Columns.setActor(insert, 2, requester);
            insert.setString(5, Columns.orEmpty(service));
            insert.setString(6, Columns.orEmpty(environment));
            insert.setString(7, commandText);
            insert.setString(8, state.word());
            insert.setString(9, Columns.orEmpty(conversation));
            insert.setString(10, paramsJson);
            try (ResultSet keys = insert.executeQuery()) {
              keys.next();
              id = keys.getLong(1);
            }
          }
          insertSteps(connection, id, plan);
          return id;
        });
  }

  @Override
  public void update(long id, OperationState state, List<StepRecord> steps) {
    Objects.requireNonNull(state, "state");
    List<StepRecord> plan = List.copyOf(steps);
    jdbc.transaction(
        "while updating operation " + id,
        connection -> {
          // The row lock taken here also serialises concurrent updates of the same steps.
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE operation SET state = ?, updated = now() WHERE id = ?")) {
            update.setString(1, state.word());
            update.setLong(2, id);
            requireOne(update.executeUpdate(), "while updating operation " + id);
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM operation_step WHERE operation_id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
          }
          insertSteps(connection, id, plan);
          return null;
        });
  }

  @Override
  public boolean end(long id, Ending ending) {
    Objects.requireNonNull(ending, "ending");
    return jdbc.transaction(
        "while ending operation " + id,
        connection -> {
          try (PreparedStatement lock =
              connection.prepareStatement("SELECT state FROM operation WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, id);
            try (ResultSet row = lock.executeQuery()) {
              if (!row.next()) {
                throw new SQLException("operation " + id + " does not exist");
              }
              if (OperationState.ofWord(row.getString("state")).isFinal()) {
                return false;
              }
            }
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE operation SET state = ?, updated = now() WHERE id = ?")) {
            update.setString(1, ending.state().word());
            update.setLong(2, id);
            update.executeUpdate();
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM operation_step WHERE operation_id = ?")) {
            delete.setLong(1, id);
            delete.executeUpdate();
          }
          insertSteps(connection, id, ending.steps());
          if (ending.timeline() != null) {
            JdbcTimeline.insert(connection, ending.timeline());
          }
          for (var entry : ending.otherTimeline()) {
            JdbcTimeline.insert(connection, entry);
          }
          JdbcAuditLog.append(
              connection,
              ending.actor(),
              "result",
              ending.service(),
              ending.environment(),
              id,
              ending.result());
          for (String service : ending.lockedServices()) {
            if (ending.keepLockReason() == null) {
              JdbcLockStore.release(connection, service, ending.environment(), id);
            } else {
              JdbcLockStore.keep(
                  connection, service, ending.environment(), id, ending.keepLockReason());
            }
          }
          return true;
        });
  }

  @Override
  public void attachMessage(long id, String messageId) {
    Objects.requireNonNull(messageId, "messageId");
    jdbc.transaction(
        "while attaching message " + messageId + " to operation " + id,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE operation SET message_id = ?, updated = now() WHERE id = ?")) {
            update.setString(1, messageId);
            update.setLong(2, id);
            requireOne(update.executeUpdate(), "while attaching a message to operation " + id);
          }
          return null;
        });
  }

  @Override
  public Optional<OperationRecord> find(long id) {
    return jdbc.read(
        "while reading operation " + id,
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(SELECT + "WHERE o.id = ? ORDER BY s.position")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
              return OperationRows.read(rows).stream().findFirst();
            }
          }
        });
  }

  @Override
  public void updateParams(long id, Map<String, String> params) {
    String json = OperationParams.toJson(params);
    jdbc.transaction(
        "while updating the params of operation " + id,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE operation SET params = ?::jsonb, updated = now() WHERE id = ?")) {
            update.setString(1, json);
            update.setLong(2, id);
            requireOne(update.executeUpdate(), "while updating the params of operation " + id);
          }
          return null;
        });
  }

  @Override
  public Map<String, String> params(long id) {
    return jdbc.read(
        "while reading the params of operation " + id,
        connection -> {
          // The LEFT JOIN tells an operation without params from no operation at all.
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT p.key, p.value FROM operation o"
                      + " LEFT JOIN LATERAL jsonb_each_text(o.params) p ON true WHERE o.id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
              return OperationParams.read(rows)
                  .orElseThrow(
                      () ->
                          new StoreException(
                              "while reading the params of operation "
                                  + id
                                  + ": no such operation"));
            }
          }
        });
  }

  @Override
  public List<OperationRecord> unfinished() {
    String[] states =
        Arrays.stream(OperationState.values())
            .filter(s -> !s.isFinal())
            .map(OperationState::word)
            .toArray(String[]::new);
    return jdbc.read(
        "while listing unfinished operations",
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  SELECT + "WHERE o.state = ANY (?) ORDER BY o.id, s.position")) {
            Array array = connection.createArrayOf("text", states);
            query.setArray(1, array);
            try (ResultSet rows = query.executeQuery()) {
              return OperationRows.read(rows);
            } finally {
              array.free();
            }
          }
        });
  }

  private static void insertSteps(Connection connection, long id, List<StepRecord> steps)
      throws SQLException {
    if (steps.isEmpty()) {
      return;
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO operation_step (operation_id, position, name, title, state, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int position = 0; position < steps.size(); position++) {
        StepRecord step = steps.get(position);
        insert.setLong(1, id);
        insert.setInt(2, position);
        insert.setString(3, step.name());
        insert.setString(4, step.title());
        insert.setString(5, step.state().word());
        insert.setString(6, step.detail());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void requireOne(int updated, String context) {
    if (updated != 1) {
      throw new StoreException(context + ": no such operation");
    }
  }
}
