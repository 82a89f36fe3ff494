package dev.deckhand.bot.build;

import dev.deckhand.commands.catalog.RegistrySpec;
import dev.deckhand.commands.ports.BuildException;
import dev.deckhand.commands.ports.BuildLog;
import dev.deckhand.commands.ports.BuildRequest;
import dev.deckhand.commands.ports.BuildResult;
import dev.deckhand.commands.ports.ImageBuilder;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes where the catalog says: each reference a kind asks for ({@code image:tag}, the image as
 * pods name it) becomes {@code host[:port]/repository:tag} of the service's registry, with that
 * registry's credentials, before the engine sees it. The repository path is the image name with a
 * leading registry host stripped, as the registry client reads it. Thread-safe.
 */
public final class CatalogBuilder implements ImageBuilder {
  private final ImageBuilder engine;
  private final Map<String, RegistrySpec> registryOfImage;

  /**
   * @param engine the engine's adapter
   * @param registryOfImage service image → its registry
   */
  public CatalogBuilder(ImageBuilder engine, Map<String, RegistrySpec> registryOfImage) {
    this.engine = engine;
    this.registryOfImage = Map.copyOf(registryOfImage);
  }

  @Override
  public BuildResult build(BuildRequest request, BuildLog log) {
    List<String> references = new ArrayList<>();
    RegistrySpec registry = null;
    for (String reference : request.references()) {
      int colon = reference.lastIndexOf(':');
      String image = reference.substring(0, colon);
      RegistrySpec r = registryOfImage.get(image);
      if (r == null) {
        throw new BuildException(
            "no service of the catalog has the image " + image, Optional.empty(), List.of());
      }
      if (registry != null && !registry.name().equals(r.name())) {
        throw new BuildException(
            "one build pushes to one registry; " + reference + " is in " + r.name(),
            Optional.empty(),
            List.of());
      }
      registry = r;
      references.add(pushReference(r, image) + reference.substring(colon));
    }
    BuildResult pushed =
        engine.build(
            new BuildRequest(
                request.context(),
                request.dockerfile(),
                request.target(),
                request.buildArgs(),
                request.platform(),
                request.labels(),
                references,
                registry.username(),
                registry.password(),
                request.timeout()),
            log);
    return new BuildResult(pushed.digest(), request.references());
  }

  /** {@code 127.0.0.1:5000/team/app} for image {@code team/app} of a registry at that address. */
  static String pushReference(RegistrySpec registry, String image) {
    URI url = registry.url();
    String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    int slash = image.indexOf('/');
    String path = image;
    if (slash > 0) {
      String first = image.substring(0, slash);
      if (first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost")) {
        path = image.substring(slash + 1);
      }
    }
    return host + "/" + path;
  }
}
