package dev.deckhand.commands.ports;

import java.util.Objects;

/**
 * What {@code /build} needs from the world: a container engine to build and push with, and the git
 * checkouts that give it its context.
 *
 * @param engine where the engine is ({@code unix:///var/run/docker.sock}), for messages; empty when
 *     none is configured
 */
public record Builds(String engine, ImageBuilder builder, SourceCheckout sources) {
  /** No engine configured: {@code /build} is refused, saying how to configure one. */
  public static final Builds NONE =
      new Builds(
          "",
          (request, log) -> {
            throw new BuildException("no Docker engine is configured", null);
          },
          (repository, ref) -> {
            throw new SourceException("no Docker engine is configured");
          });

  public Builds {
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(builder, "builder");
    Objects.requireNonNull(sources, "sources");
  }

  /** True when an engine is configured. */
  public boolean configured() {
    return !engine.isEmpty();
  }
}
