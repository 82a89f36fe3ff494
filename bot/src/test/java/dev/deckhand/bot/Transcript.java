package dev.deckhand.bot;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Captures what the console chat prints, for tests to search. Thread-safe. */
final class Transcript {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  PrintStream out() {
    return out;
  }

  String text() {
    synchronized (out) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  List<String> lines() {
    return text().lines().toList();
  }

  boolean contains(String fragment) {
    return text().contains(fragment);
  }

  /**
   * The last printed version (post or edit) of the message whose first line contains {@code
   * marker}.
   */
  String lastMessageContaining(String marker) {
    List<String> lines = lines();
    String found = "";
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("[") && lines.get(i).contains(marker)) {
        StringBuilder message = new StringBuilder(lines.get(i)).append('\n');
        for (int j = i + 1; j < lines.size() && lines.get(j).startsWith(" "); j++) {
          message.append(lines.get(j)).append('\n');
        }
        found = message.toString();
      }
    }
    return found;
  }
}
