package dev.deckhand.commands.ports;

import java.util.List;
import java.util.Optional;

/**
 * Reads images from a Docker Registry HTTP API v2. The {@code image} argument is the image name as
 * pods reference it ({@code synergygroup/coachpilot-gateway} or {@code
 * registry.example:5000/team/api}); the adapter maps it to its registry and repository path.
 *
 * <p>Thread-safe, blocking. Failures to reach or authenticate to the registry throw {@link
 * RegistryException} with a message fit for users.
 */
public interface ImageRegistry {

  /** Every tag of the image, following pagination, in the registry's order. Empty if none. */
  List<String> tags(String image);

  /**
   * The content digest ({@code sha256:...}) of a tag, accepting OCI and Docker manifest (list)
   * types; empty when the tag does not exist.
   */
  Optional<String> digest(String image, String tag);
}
