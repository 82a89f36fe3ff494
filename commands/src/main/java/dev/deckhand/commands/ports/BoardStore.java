package dev.deckhand.commands.ports;

import dev.deckhand.commands.chat.MessageRef;
import java.util.List;

/**
 * The channel boards (ADR 0008) that were posted and not yet closed, so that a start can close the
 * ones a crash left showing operations as running. Blocking; thread-safe; each call idempotent.
 */
public interface BoardStore {

  /** Keeps nothing: boards are not closed after a restart. For tests and tools. */
  BoardStore NONE =
      new BoardStore() {
        @Override
        public void opened(MessageRef board) {}

        @Override
        public void closed(MessageRef board) {}

        @Override
        public List<MessageRef> open() {
          return List.of();
        }
      };

  /** A board was posted; it stays open until {@link #closed}. */
  void opened(MessageRef board);

  /** A board got its last edit (or was given up); forgetting an unknown board does nothing. */
  void closed(MessageRef board);

  /** The boards opened and not closed, oldest first. */
  List<MessageRef> open();
}
