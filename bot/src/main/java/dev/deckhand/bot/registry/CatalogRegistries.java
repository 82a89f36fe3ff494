package dev.deckhand.bot.registry;

import dev.deckhand.commands.catalog.RegistrySpec;
import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.registry.Credentials;
import dev.deckhand.registry.RegistryClient;
import dev.deckhand.registry.RegistryEndpoint;
import dev.deckhand.registry.RegistrySettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Routes each service's image to the registry its catalog entry names ({@code registry:}), one
 * client per registry. Images of no service go to the registry named {@code default}, else the
 * first. Thread-safe.
 */
public final class CatalogRegistries implements ImageRegistry {
  private final Map<String, ImageRegistry> byImage;
  private final ImageRegistry fallback;

  /**
   * @param registries the catalog's registries, in file order
   * @param imageRegistry service image → name of its registry
   * @param http the executor the clients complete their HTTP calls on; not owned
   */
  public CatalogRegistries(
      Map<String, RegistrySpec> registries, Map<String, String> imageRegistry, Executor http) {
    Map<String, ImageRegistry> clients = new LinkedHashMap<>();
    registries.forEach(
        (name, spec) ->
            clients.put(
                name,
                RegistryClient.create(List.of(endpoint(spec)), RegistrySettings.defaults(), http)));
    this.byImage = new LinkedHashMap<>();
    imageRegistry.forEach((image, registry) -> byImage.put(image, clients.get(registry)));
    this.fallback =
        clients.containsKey("default")
            ? clients.get("default")
            : clients.values().stream()
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the catalog names no registry"));
  }

  @Override
  public List<String> tags(String image) {
    return route(image).tags(image);
  }

  @Override
  public Optional<String> digest(String image, String tag) {
    return route(image).digest(image, tag);
  }

  @Override
  public Optional<dev.deckhand.commands.ports.ImageConfig> config(String image, String digest) {
    return route(image).config(image, digest);
  }

  @Override
  public void tag(String image, String tag, String digest) {
    route(image).tag(image, tag, digest);
  }

  @Override
  public void copy(String from, String digest, String to, String tag) {
    ImageRegistry source = route(from);
    if (source != route(to)) {
      throw new dev.deckhand.commands.ports.RegistryException(
          "copying " + from + " to " + to + " crosses registries, which Deckhand cannot do yet");
    }
    source.copy(from, digest, to, tag);
  }

  private ImageRegistry route(String image) {
    return byImage.getOrDefault(image, fallback);
  }

  private static RegistryEndpoint endpoint(RegistrySpec r) {
    Optional<Credentials> creds =
        r.username() == null
            ? Optional.empty()
            : Optional.of(new Credentials(r.username(), r.password() == null ? "" : r.password()));
    return new RegistryEndpoint(r.name(), r.url(), creds, false, r.insecure(), r.tokenRealms());
  }
}
