package dev.deckhand.bot.config;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a secret lives: {@code env:NAME} (an environment variable) or {@code file:/path} (a file
 * whose trimmed content is the secret, e.g. a mounted Kubernetes secret). Validates itself.
 *
 * @param kind where to look
 * @param name the variable name or the file path
 */
public record SecretReference(Kind kind, String name) {
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** The two places a secret can come from. */
  public enum Kind {
    ENV("env:"),
    FILE("file:");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  public SecretReference {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (kind == Kind.ENV && !ENV_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "env: needs a variable name of letters, digits and '_', e.g. env:REGISTRY_PASSWORD");
    }
    if (kind == Kind.FILE && name.isBlank()) {
      throw new IllegalArgumentException("file: needs a path, e.g. file:/run/secrets/registry");
    }
  }

  /**
   * The reference written in {@code text}, empty when the text is not a reference at all.
   *
   * @throws IllegalArgumentException when the text starts like a reference but is malformed
   */
  public static Optional<SecretReference> parse(String text) {
    for (Kind kind : Kind.values()) {
      if (text.startsWith(kind.prefix)) {
        return Optional.of(new SecretReference(kind, text.substring(kind.prefix.length())));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return kind.prefix + name;
  }
}
