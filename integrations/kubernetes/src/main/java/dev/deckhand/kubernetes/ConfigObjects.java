package dev.deckhand.kubernetes;

import dev.deckhand.commands.model.Fingerprint;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ConfigMaps and Secrets of a target's namespace that {@code /config-update} and {@code
 * /secret-update} read and write. Secret values are decoded only to be fingerprinted or encoded to
 * be written; no message names one. Thread-safe.
 */
final class ConfigObjects {
  /** Marks what Deckhand created, so that people know where it came from. */
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  private final KubernetesClient client;

  ConfigObjects(KubernetesClient client) {
    this.client = client;
  }

  Optional<Map<String, String>> configMap(Target t, String name) {
    try {
      ConfigMap cm = client.configMaps().inNamespace(t.namespace()).withName(name).get();
      return Optional.ofNullable(cm)
          .map(c -> c.getData() == null ? Map.of() : Map.copyOf(c.getData()));
    } catch (KubernetesClientException e) {
      throw failure(e, "reading ConfigMap", t, name);
    }
  }

  void applyConfigMap(Target t, String name, Map<String, String> data) {
    var resource = client.configMaps().inNamespace(t.namespace()).withName(name);
    try {
      if (resource.get() == null) {
        try {
          resource.create(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(t.namespace())
                  .addToLabels(MANAGED_BY, "deckhand")
                  .endMetadata()
                  .withData(new LinkedHashMap<>(data))
                  .build());
          return;
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409) {
            throw e;
          }
          // created meanwhile: replace its data below
        }
      }
      resource.edit(cm -> new ConfigMapBuilder(cm).withData(new LinkedHashMap<>(data)).build());
    } catch (KubernetesClientException e) {
      throw failure(e, "applying ConfigMap", t, name);
    }
  }

  Optional<Map<String, String>> secretFingerprints(Target t, String name) {
    Secret secret;
    try {
      secret = client.secrets().inNamespace(t.namespace()).withName(name).get();
    } catch (KubernetesClientException e) {
      throw failure(e, "reading Secret", t, name);
    }
    if (secret == null) {
      return Optional.empty();
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> out.put(k, Fingerprint.of(decode(v))));
    }
    return Optional.of(out);
  }

  void setSecretKeys(Target t, String name, Map<String, String> values) {
    Map<String, String> encoded = new LinkedHashMap<>();
    values.forEach(
        (k, v) ->
            encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    var resource = client.secrets().inNamespace(t.namespace()).withName(name);
    try {
      if (resource.get() == null) {
        try {
          resource.create(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName(name)
                  .withNamespace(t.namespace())
                  .addToLabels(MANAGED_BY, "deckhand")
                  .endMetadata()
                  .withType("Opaque")
                  .withData(encoded)
                  .build());
          return;
        } catch (KubernetesClientException e) {
          if (e.getCode() != 409) {
            throw e;
          }
        }
      }
      resource.edit(s -> new SecretBuilder(s).addToData(encoded).build());
    } catch (KubernetesClientException e) {
      throw failure(
          e, "setting keys " + String.join(", ", values.keySet()) + " of Secret", t, name);
    }
  }

  private static String decode(String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // not base64 (a broken object): fingerprint what is there, never show it
      return base64;
    }
  }

  private static ClusterException failure(
      KubernetesClientException e, String doing, Target t, String name) {
    return new ClusterException(
        "while "
            + doing
            + " "
            + t.namespace()
            + "/"
            + name
            + " in cluster "
            + t.cluster()
            + ": "
            + Failures.reason(e),
        e);
  }
}
