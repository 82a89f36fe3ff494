package dev.deckhand.commands.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a service's configuration comes from: per environment a ConfigMap generated from a file
 * ({@code /config-update}), and one Secret whose keys each come from a reference ({@code
 * /secret-update}). The sources are read when a command plans and again when it runs, never at load
 * time, so an edited file or a rotated value is what the command sees.
 *
 * @param configMaps environment name → the ConfigMap and its source
 * @param secret the Secret's name, empty when the service declares none
 * @param secretKeys key → where its value comes from, in catalog order
 */
public record ServiceConfig(
    Map<String, ConfigMapSource> configMaps,
    String secret,
    Map<String, Source<String>> secretKeys) {

  /** No ConfigMap, no Secret. */
  public static final ServiceConfig NONE = new ServiceConfig(Map.of(), "", Map.of());

  public ServiceConfig {
    Objects.requireNonNull(secret, "secret");
    configMaps = Collections.unmodifiableMap(new LinkedHashMap<>(configMaps));
    secretKeys = Collections.unmodifiableMap(new LinkedHashMap<>(secretKeys));
  }

  /** The ConfigMap of an environment, if the service declares one there. */
  public Optional<ConfigMapSource> configMap(String environment) {
    return Optional.ofNullable(configMaps.get(environment));
  }

  /**
   * A ConfigMap and the file its data comes from.
   *
   * @param name the ConfigMap's name, in the target's namespace
   */
  public record ConfigMapSource(String name, Source<Map<String, String>> source) {
    public ConfigMapSource {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(source, "source");
    }
  }

  /**
   * Where something is read from (a file, an environment variable). Blocking, thread-safe, free of
   * side effects.
   *
   * @param <T> what it reads
   */
  public interface Source<T> {
    /** How the catalog wrote it ({@code env-file:config/gateway.staging.env}, {@code env:X}). */
    String describe();

    /**
     * Reads it now.
     *
     * @throws SourceException when it cannot be read, with a message fit for users that never
     *     quotes a value
     */
    T read();
  }

  /** A source that cannot be read now; the message is shown to users. */
  public static final class SourceException extends RuntimeException {
    public SourceException(String message) {
      super(message, null, false, false);
    }
  }
}
