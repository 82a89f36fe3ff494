package dev.deckhand.commands.engine;

import dev.deckhand.commands.command.Command;

/**
 * Carries out one kind of command. Runs on the bot's executor, never on a chat platform's thread;
 * may block briefly (registry, API reads) but hands long waits (rollouts) to futures. Throws {@link
 * dev.deckhand.commands.parse.UsageException} for errors users can fix.
 */
@FunctionalInterface
public interface Handler<C extends Command> {
  void handle(C command, Request request);
}
