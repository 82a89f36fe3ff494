package dev.deckhand.bot.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Resolves {@code env:} from a given map and {@code file:} from the file system. */
final class StandardSecretResolver implements SecretResolver {
  private final Map<String, String> environment;

  StandardSecretResolver(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String resolve(SecretReference reference) throws SecretException {
    return switch (reference.kind()) {
      case ENV -> fromEnvironment(reference.name());
      case FILE -> fromFile(Path.of(reference.name()));
    };
  }

  private String fromEnvironment(String name) throws SecretException {
    String value = environment.get(name);
    if (value == null) {
      throw new SecretException("environment variable " + name + " is not set");
    }
    if (value.isBlank()) {
      throw new SecretException("environment variable " + name + " is empty");
    }
    return value;
  }

  private static String fromFile(Path file) throws SecretException {
    try {
      String value = Files.readString(file).strip();
      if (value.isEmpty()) {
        throw new SecretException("file " + file + " is empty");
      }
      return value;
    } catch (NoSuchFileException e) {
      throw new SecretException("file " + file + " does not exist");
    } catch (IOException e) {
      throw new SecretException(
          "cannot read file " + file + " (" + e.getClass().getSimpleName() + ")");
    }
  }
}
