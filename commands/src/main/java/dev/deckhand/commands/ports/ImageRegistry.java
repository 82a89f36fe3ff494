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

  /**
   * The config of the manifest {@code digest} of the image; for an index (multi-arch), of its
   * {@code linux/amd64} manifest. Empty when there is no such manifest.
   */
  default Optional<ImageConfig> config(String image, String digest) {
    throw new RegistryException("this registry adapter cannot read image configs");
  }

  /**
   * Points {@code tag} of the image at the manifest {@code digest} of the same repository (a
   * manifest PUT: no layer moves), then reads the tag back.
   *
   * @throws RegistryException when the registry refuses (an immutable tag is explained) or the tag
   *     read back resolves to another digest
   */
  default void tag(String image, String tag, String digest) {
    throw new RegistryException("this registry adapter cannot move tags");
  }

  /**
   * Copies the manifest {@code digest} of {@code from} into image {@code to} (another repository,
   * possibly of another registry) under {@code tag}: blobs mounted where the registry allows, else
   * transferred; the digest is unchanged. Then reads the tag back as {@link #tag} does.
   */
  default void copy(String from, String digest, String to, String tag) {
    throw new RegistryException("this registry adapter cannot copy images");
  }
}
