package dev.deckhand.commands.kinds.config;

import dev.deckhand.commands.catalog.ServiceConfig;
import dev.deckhand.commands.parse.UsageException;

/** Reads a catalog source while planning, a failure as a user error. */
final class Sources {
  private Sources() {}

  /**
   * @param what what is read, for the message ("the data of ConfigMap gateway-env")
   */
  static <T> T read(ServiceConfig.Source<T> source, String what) {
    try {
      return source.read();
    } catch (ServiceConfig.SourceException e) {
      throw new UsageException(
          "cannot read " + what + " (" + source.describe() + "): " + e.getMessage(),
          "fix the source where Deckhand runs (or its reference in the catalog), then try again");
    }
  }
}
