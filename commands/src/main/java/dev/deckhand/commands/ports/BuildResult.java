package dev.deckhand.commands.ports;

import java.util.List;
import java.util.Objects;

/**
 * A pushed build.
 *
 * @param digest the pushed manifest's digest ({@code sha256:…}), as the registry reported it
 * @param references the references pushed
 */
public record BuildResult(String digest, List<String> references) {
  public BuildResult {
    Objects.requireNonNull(digest, "digest");
    references = List.copyOf(references);
  }
}
