package dev.deckhand.commands;

import dev.deckhand.commands.catalog.ServiceConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test data: catalog sources whose content a test sets, or makes unreadable. */
public final class TestSources {
  private TestSources() {}

  /** A source holding what it was last set to. Thread-safe. */
  public static final class Settable<T> implements ServiceConfig.Source<T> {
    private final String description;
    private volatile T value;
    private volatile String failure;

    public Settable(String description, T value) {
      this.description = description;
      this.value = value;
    }

    public void set(T newValue) {
      value = newValue;
      failure = null;
    }

    /** From now on reading fails with this message. */
    public void fail(String message) {
      failure = message;
    }

    @Override
    public String describe() {
      return description;
    }

    @Override
    public T read() {
      if (failure != null) {
        throw new ServiceConfig.SourceException(failure);
      }
      return value;
    }
  }

  /** The gateway's sources: a ConfigMap per environment, a Secret with API_TOKEN and TLS_KEY. */
  public record Gateway(
      Settable<Map<String, String>> staging,
      Settable<Map<String, String>> prod,
      Settable<String> apiToken,
      Settable<String> tlsKey) {
    public static Gateway defaults() {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("LOG_LEVEL", "info");
      env.put("FEATURE_X", "off");
      env.put("DB_PASSWORD", "s3cret-staging");
      return new Gateway(
          new Settable<>("env-file:config/gateway.staging.env", env),
          new Settable<>("env-file:config/gateway.prod.env", Map.of("LOG_LEVEL", "warn")),
          new Settable<>("env:GATEWAY_API_TOKEN", "token-value-one"),
          new Settable<>("file:/run/secrets/tls.key", "tls-key-value"));
    }

    public ServiceConfig config() {
      Map<String, ServiceConfig.Source<String>> keys = new LinkedHashMap<>();
      keys.put("API_TOKEN", apiToken);
      keys.put("TLS_KEY", tlsKey);
      return new ServiceConfig(
          Map.of(
              "staging", new ServiceConfig.ConfigMapSource("gateway-env", staging),
              "prod", new ServiceConfig.ConfigMapSource("gateway-env", prod)),
          "gateway-secrets",
          keys);
    }
  }
}
