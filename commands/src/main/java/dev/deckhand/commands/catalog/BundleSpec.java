package dev.deckhand.commands.catalog;

import dev.deckhand.commands.model.Target;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bundle of the catalog ({@code bundles:}): a directory of Kubernetes manifests {@code /apply}
 * applies by server-side apply into a namespace per environment.
 *
 * @param name the catalog's name for it
 * @param dir the directory of its {@code *.yaml} / {@code *.yml} files
 * @param targets where it is applied, per environment name: the environment's cluster and the
 *     namespace; the target's deployment and container are the bundle's name (locks, the timeline
 *     and the live message name it)
 */
public record BundleSpec(String name, Path dir, Map<String, Target> targets) {
  public BundleSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(dir, "dir");
    targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
  }

  public Optional<Target> target(String environment) {
    return Optional.ofNullable(targets.get(environment));
  }

  /**
   * The bundle as the subject of an operation: a service of its name (the lock, the timeline and
   * the audit are kept under it), applied where the bundle is, with no image of its own.
   */
  public ServiceSpec asService() {
    return ServiceSpec.builder(name, "").targets(targets).build();
  }
}
