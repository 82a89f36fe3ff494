package dev.deckhand.commands.manifest;

import java.util.Objects;

/**
 * One manifest file of a bundle, as read: its file name (for messages) and its text, which may hold
 * several YAML documents. The cluster adapter parses it; the core has no YAML library.
 *
 * @param file the file's name in the bundle's directory
 * @param text its whole content
 */
public record Manifest(String file, String text) {
  public Manifest {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
  }
}
