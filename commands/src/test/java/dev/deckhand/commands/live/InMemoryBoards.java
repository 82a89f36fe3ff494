package dev.deckhand.commands.live;

import dev.deckhand.commands.chat.MessageRef;
import dev.deckhand.commands.ports.BoardStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Open boards in memory, as the store keeps them. Thread-safe. */
public final class InMemoryBoards implements BoardStore {
  private final List<MessageRef> open = new CopyOnWriteArrayList<>();

  @Override
  public synchronized void opened(MessageRef board) {
    if (!open.contains(board)) {
      open.add(board);
    }
  }

  @Override
  public void closed(MessageRef board) {
    open.remove(board);
  }

  @Override
  public List<MessageRef> open() {
    return List.copyOf(open);
  }
}
