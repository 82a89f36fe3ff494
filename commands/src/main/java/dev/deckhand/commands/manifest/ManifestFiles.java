package dev.deckhand.commands.manifest;

import dev.deckhand.commands.model.Fingerprint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Reads a bundle's directory: its {@code *.yaml} and {@code *.yml} files, in name order. */
public final class ManifestFiles {
  private ManifestFiles() {}

  /** Whether a file name is a manifest's. */
  public static boolean isManifest(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  /**
   * The manifest files of {@code dir} (not its subdirectories), sorted by name.
   *
   * @throws UncheckedIOException when the directory or a file cannot be read
   */
  public static List<Manifest> read(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> isManifest(p.getFileName().toString()))
              .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    List<Manifest> out = new ArrayList<>();
    for (Path p : files) {
      try {
        out.add(
            new Manifest(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** One SHA-256 of the files' names and contents, in order. */
  public static String hash(List<Manifest> files) {
    StringBuilder text = new StringBuilder();
    for (Manifest m : files) {
      text.append(m.file().length())
          .append(':')
          .append(m.file())
          .append(m.text().length())
          .append(':')
          .append(m.text())
          .append('\n');
    }
    return Fingerprint.of(text.toString());
  }
}
