package dev.deckhand.bot.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with a catalog file, rendered as {@code file:line: field: message}, e.g. {@code
 * config/demo.yaml:12: services.gateway.targets.prod.namespace: required}.
 *
 * @param file the catalog file as it was given to the loader
 * @param line the 1-based line, or 0 when the problem concerns the whole file
 * @param field the dotted path of the field ({@code services.gateway.verify[0].http}), empty for
 *     problems of the whole document such as syntax errors
 * @param message what is wrong and, where possible, what to write instead
 */
public record Problem(Path file, int line, String field, String message) {
  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  /** The one-line form shown to operators. */
  public String render() {
    StringBuilder text = new StringBuilder(file.toString());
    if (line > 0) {
      text.append(':').append(line);
    }
    text.append(": ");
    if (!field.isEmpty()) {
      text.append(field).append(": ");
    }
    return text.append(message).toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
