package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import java.util.Optional;

/** A parsed, validated command. Every field is a catalog or value type; no raw strings remain. */
public sealed interface Command
    permits OperationCommand,
        Status,
        History,
        Images,
        Logs,
        Events,
        Describe,
        Verify,
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

  /**
   * Whether the command only reads: a read-only command with an {@link #action()} needs its grant
   * but is not bound to the environment's channels ({@code /logs} from prod may be read anywhere
   * its reader may read it).
   */
  default boolean readOnly() {
    return false;
  }

  /** The environment whose grants and channel binding apply, empty when it names none. */
  default Optional<EnvironmentSpec> scope() {
    return Optional.empty();
  }
}
