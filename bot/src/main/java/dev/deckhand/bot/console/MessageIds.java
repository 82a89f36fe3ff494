package dev.deckhand.bot.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The console's message numbers ({@code m7}), continued across restarts through a small file, so
 * that an operation resumed after a restart keeps its id and new messages never reuse one.
 * Thread-safe.
 */
final class MessageIds {
  private final Path file;
  private long last;

  MessageIds(Path file) {
    this.file = file;
    this.last = read(file);
  }

  synchronized String next() {
    last++;
    try {
      Files.createDirectories(file.getParent());
      // Written aside, then renamed: a kill -9 between truncating the file and writing it would
      // leave it empty, and the next run would number from m1 again, reusing the ids of messages
      // (approval requests among them) that are still in the store.
      Path next = file.resolveSibling(file.getFileName() + ".next");
      Files.writeString(next, Long.toString(last), StandardCharsets.UTF_8);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("while saving console message ids to " + file, e);
    }
    return "m" + last;
  }

  private static long read(Path file) {
    try {
      return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }
}
