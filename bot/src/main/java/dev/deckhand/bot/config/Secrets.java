package dev.deckhand.bot.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads fields that hold secrets, or may, resolving their {@code env:}/{@code file:} references.
 */
final class Secrets {
  private Secrets() {}

  /** A secret field (a password): it must be a reference, never the secret itself. */
  static Optional<String> secret(YamlNode node) {
    return read(node, true);
  }

  /** A field that may be written inline or as a reference (a URL, a user name). */
  static Optional<String> textOrSecret(YamlNode node) {
    return read(node, false);
  }

  private static Optional<String> read(YamlNode node, boolean mustBeReference) {
    Optional<String> text = node.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<SecretReference> reference;
    try {
      reference = SecretReference.parse(text.get());
    } catch (IllegalArgumentException e) {
      node.problem(e.getMessage());
      return Optional.empty();
    }
    if (reference.isEmpty()) {
      if (mustBeReference) {
        // never quote the value: it is a secret
        node.problem("write secrets as env:NAME or file:/path, never inline");
        return Optional.empty();
      }
      return text;
    }
    return resolve(node, absolute(reference.get(), node.context().baseDir()));
  }

  /** A relative {@code file:} reference made absolute against the catalog's directory. */
  static SecretReference absolute(SecretReference reference, Path baseDir) {
    if (reference.kind() != SecretReference.Kind.FILE || Path.of(reference.name()).isAbsolute()) {
      return reference;
    }
    return new SecretReference(
        SecretReference.Kind.FILE, baseDir.resolve(reference.name()).normalize().toString());
  }

  private static Optional<String> resolve(YamlNode node, SecretReference reference) {
    try {
      return Optional.of(node.context().secrets().resolve(reference));
    } catch (SecretException e) {
      node.problem(reference + ": " + e.getMessage());
      return Optional.empty();
    }
  }
}
