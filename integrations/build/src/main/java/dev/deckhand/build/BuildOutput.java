package dev.deckhand.build;

import com.github.dockerjava.api.model.BuildResponseItem;
import dev.deckhand.commands.ports.BuildLog;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Follows the classic builder's output stream: joins its chunks into lines, reports steps and lines
 * to a {@link BuildLog}, keeps the last lines and remembers the current step, the error and the
 * image id. Items arrive on one stream thread; reads happen after the stream ended.
 */
final class BuildOutput {
  static final int TAIL = 30;
  private static final Pattern STEP = Pattern.compile("^Step \\d+/\\d+ : .*");
  private static final Pattern BUILT = Pattern.compile("^Successfully built ([0-9a-f]+)$");

  private final BuildLog log;
  private final StringBuilder pending = new StringBuilder();
  private final Deque<String> tail = new ArrayDeque<>();
  private volatile String step;
  private volatile String error;
  private volatile String imageId;

  BuildOutput(BuildLog log) {
    this.log = log;
  }

  synchronized void accept(BuildResponseItem item) {
    if (item.getStream() != null) {
      pending.append(item.getStream());
      int end;
      while ((end = pending.indexOf("\n")) >= 0) {
        line(pending.substring(0, end));
        pending.delete(0, end + 1);
      }
    }
    if (item.isErrorIndicated()) {
      flush();
      String message =
          item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
              ? item.getErrorDetail().getMessage()
              : item.getError();
      error = message == null ? "the engine reported an error without a message" : message.strip();
      line(error);
    }
  }

  /** Emits a last line that had no line end. */
  synchronized void flush() {
    if (!pending.isEmpty()) {
      line(pending.toString());
      pending.setLength(0);
    }
  }

  private void line(String raw) {
    String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
    if (line.isBlank()) {
      return;
    }
    if (STEP.matcher(line).matches()) {
      step = line;
      log.step(line);
    }
    var built = BUILT.matcher(line);
    if (built.matches()) {
      imageId = built.group(1);
    }
    log.line(line);
    tail.addLast(line);
    if (tail.size() > TAIL) {
      tail.removeFirst();
    }
  }

  Optional<String> step() {
    return Optional.ofNullable(step);
  }

  Optional<String> error() {
    return Optional.ofNullable(error);
  }

  Optional<String> imageId() {
    return Optional.ofNullable(imageId);
  }

  synchronized List<String> tail() {
    return List.copyOf(tail);
  }
}
