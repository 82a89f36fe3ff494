package dev.deckhand.commands.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * {@code release:} how {@code /deploy-all} rolls every service of an environment: in waves (the
 * services of a wave roll in parallel, the next wave waits), and whether a failure rolls back what
 * the release already rolled. Immutable.
 *
 * @param waves service names, every service of the catalog exactly once
 * @param rollbackOnFailure roll back what the release rolled when a service fails
 * @param files the release files of {@code /deploy-all --release} ({@link ReleaseFiles#NONE} when
 *     the catalog has none)
 */
public record ReleaseSpec(List<List<String>> waves, boolean rollbackOnFailure, ReleaseFiles files) {
  public ReleaseSpec {
    Objects.requireNonNull(waves, "waves");
    Objects.requireNonNull(files, "files");
    waves = waves.stream().map(List::copyOf).toList();
  }

  /** Without a {@code release:} section: one wave per service in catalog order, rollback on. */
  public static ReleaseSpec oneByOne(Collection<String> services) {
    return new ReleaseSpec(services.stream().map(List::of).toList(), true, ReleaseFiles.NONE);
  }

  /**
   * The waves of an environment: the services that run there, each wave keeping its order; waves
   * left empty are dropped.
   */
  public List<List<ServiceSpec>> waves(Catalog catalog, String environment) {
    List<List<ServiceSpec>> out = new ArrayList<>();
    for (List<String> wave : waves) {
      List<ServiceSpec> here =
          wave.stream()
              .map(catalog::service)
              .flatMap(java.util.Optional::stream)
              .filter(s -> s.target(environment).isPresent())
              .toList();
      if (!here.isEmpty()) {
        out.add(here);
      }
    }
    return out;
  }
}
