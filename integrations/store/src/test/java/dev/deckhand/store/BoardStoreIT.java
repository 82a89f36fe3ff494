package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.ports.BoardStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class BoardStoreIT {
  private Database database;
  private BoardStore boards;

  @BeforeEach
  void freshDatabase(TestPostgres postgres) {
    database = postgres.fresh();
    boards = database.stores().boards();
  }

  @Test
  void aBoardIsOpenFromItsPostUntilItIsClosedAndBothAreIdempotent() {
    MessageRef first = new MessageRef("C1", "1700000000.000100");
    MessageRef second = new MessageRef("1234567890", "998877");
    boards.opened(first);
    boards.opened(second);
    boards.opened(first);

    assertThat(boards.open()).containsExactly(first, second);

    boards.closed(first);
    boards.closed(first);
    boards.closed(new MessageRef("C1", "never-opened"));

    assertThat(boards.open()).containsExactly(second);
  }

  @Test
  void openBoardsOutliveTheProcessThatPostedThem() {
    MessageRef board = new MessageRef("C1", "1700000000.000200");
    boards.opened(board);

    try (Database other = Database.external(database.jdbcUrl(), "postgres", null)) {
      assertThat(other.stores().boards().open()).containsExactly(board);
    }
  }
}
