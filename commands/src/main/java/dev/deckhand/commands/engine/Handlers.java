package dev.deckhand.commands.engine;

import dev.deckhand.commands.command.Command;
import java.util.LinkedHashMap;
import java.util.Map;

/** The table from command type to its one handler. Built once at start, then read-only. */
public final class Handlers {
  private final Map<Class<? extends Command>, Handler<? extends Command>> table =
      new LinkedHashMap<>();

  public <C extends Command> Handlers register(Class<C> type, Handler<C> handler) {
    if (table.putIfAbsent(type, handler) != null) {
      throw new IllegalStateException("two handlers for " + type.getSimpleName());
    }
    return this;
  }

  @SuppressWarnings("unchecked")
  void dispatch(Command command, Request request) {
    Handler<Command> handler = (Handler<Command>) table.get(command.getClass());
    if (handler == null) {
      throw new IllegalStateException("no handler for " + command.getClass().getSimpleName());
    }
    handler.handle(command, request);
  }
}
