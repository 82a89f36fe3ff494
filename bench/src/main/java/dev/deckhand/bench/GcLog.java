package dev.deckhand.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap after each collection, from a {@code -Xlog:gc:file=…} log (unified logging, JDK 11+): lines
 * such as {@code [12.345s][info][gc] GC(7) Pause Young (Allocation Failure) 30M->12M(96M) 3.2ms}.
 * Reading the log costs the bot nothing, unlike forcing a collection.
 */
final class GcLog {
  private static final Pattern PAUSE =
      Pattern.compile(
          "\\[(\\d+\\.\\d+)s].*GC\\(\\d+\\) Pause (Young|Full)[^\\d]*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  /** One collection: seconds since JVM start, kind, heap after in MiB. */
  record Collection(double uptimeSeconds, boolean full, int afterMib) {}

  private GcLog() {}

  static List<Collection> read(Path log) {
    try {
      return parse(Files.readAllLines(log));
    } catch (IOException e) {
      return List.of();
    }
  }

  static List<Collection> parse(List<String> lines) {
    List<Collection> out = new ArrayList<>();
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        out.add(
            new Collection(
                Double.parseDouble(m.group(1)),
                m.group(2).equals("Full"),
                Integer.parseInt(m.group(4))));
      }
    }
    return out;
  }
}
