package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import java.util.Optional;

/** A parsed, validated command. Every field is a catalog or value type; no raw strings remain. */
public sealed interface Command
    permits OperationCommand,
        Status,
        History,
        Help,
        WhoAmI,
        Approve,
        Reject,
        Cancel,
        Lock,
        Unlock,
        Freeze,
        Unfreeze,
        Audit {

  /** The grant action this command needs ({@code deploy}), empty when anyone may run it. */
  default String action() {
    return "";
  }

  /** The environment whose grants and channel binding apply, empty when it names none. */
  default Optional<EnvironmentSpec> scope() {
    return Optional.empty();
  }
}
