package dev.deckhand.store;

import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.ports.BoardStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link BoardStore} on the {@code board} table: a row per board posted and not yet closed. */
final class JdbcBoardStore implements BoardStore {
  private final Jdbc jdbc;

  JdbcBoardStore(Jdbc jdbc) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
  }

  @Override
  public void opened(MessageRef board) {
    jdbc.transaction(
        "while recording board " + board.id() + " in " + board.conversation(),
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO board (conversation, message_id) VALUES (?, ?)"
                      + " ON CONFLICT DO NOTHING")) {
            insert.setString(1, Columns.storable(board.conversation()));
            insert.setString(2, Columns.storable(board.id()));
            return insert.executeUpdate();
          }
        });
  }

  @Override
  public void closed(MessageRef board) {
    jdbc.transaction(
        "while closing board " + board.id() + " in " + board.conversation(),
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM board WHERE conversation = ? AND message_id = ?")) {
            delete.setString(1, Columns.storable(board.conversation()));
            delete.setString(2, Columns.storable(board.id()));
            return delete.executeUpdate();
          }
        });
  }

  @Override
  public List<MessageRef> open() {
    return jdbc.read(
        "while reading the open boards",
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT conversation, message_id FROM board ORDER BY opened_at, message_id");
              ResultSet rows = select.executeQuery()) {
            List<MessageRef> out = new ArrayList<>();
            while (rows.next()) {
              out.add(new MessageRef(rows.getString(1), rows.getString(2)));
            }
            return out;
          }
        });
  }
}
