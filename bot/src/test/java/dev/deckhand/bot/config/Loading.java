package dev.deckhand.bot.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes catalog text to a file and loads it, for tests. */
final class Loading {
  private final Path dir;
  private Map<String, String> environment = Map.of();
  private Map<String, String> variables = Map.of();

  Loading(Path dir) {
    this.dir = dir;
  }

  Loading environment(Map<String, String> environment) {
    this.environment = environment;
    return this;
  }

  Loading variables(Map<String, String> variables) {
    this.variables = variables;
    return this;
  }

  Path write(String yaml) {
    try {
      return Files.writeString(dir.resolve("catalog.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  LoadedConfig load(String yaml) throws CatalogException {
    return load(write(yaml));
  }

  LoadedConfig load(Path file) throws CatalogException {
    return new CatalogLoader(SecretResolver.standard(environment)).load(file, variables);
  }

  /** The problems of a catalog that must not load, each as "line: field: message". */
  List<String> problems(String yaml) {
    return problems(write(yaml));
  }

  List<String> problems(Path file) {
    try {
      load(file);
    } catch (CatalogException e) {
      return e.problems().stream()
          .map(p -> p.line() + ": " + (p.field().isEmpty() ? "" : p.field() + ": ") + p.message())
          .toList();
    }
    throw new AssertionError("expected the catalog to be refused:\n" + file);
  }
}
