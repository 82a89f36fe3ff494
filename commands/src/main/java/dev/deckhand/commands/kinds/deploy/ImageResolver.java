package dev.deckhand.commands.kinds.deploy;

import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.command.TagRequest;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.ImageRegistry;
import java.util.Comparator;
import java.util.List;

/**
 * Resolves a tag or unique tag prefix to a pinned image through the registry. An exact tag wins;
 * otherwise exactly one tag (that the service's pattern accepts) must start with the prefix.
 * Blocking; thread-safe.
 */
public final class ImageResolver {
  static final int SHOWN = 8;

  private final ImageRegistry registry;

  public ImageResolver(ImageRegistry registry) {
    this.registry = registry;
  }

  public ImageRef resolve(ServiceSpec service, TagRequest request) {
    String wanted = request.text();
    List<String> tags = registry.tags(service.image());
    String tag;
    if (tags.contains(wanted)) {
      tag = wanted;
    } else {
      List<String> candidates =
          tags.stream()
              .filter(t -> t.startsWith(wanted))
              .filter(service::acceptsTag)
              .sorted()
              .toList();
      if (candidates.size() > 1) {
        throw new UsageException(
            candidates.size()
                + " tags of "
                + service.image()
                + " start with '"
                + wanted
                + "': "
                + shortList(candidates),
            "give more of the tag, e.g. /deploy " + service.name() + " " + candidates.get(0));
      }
      if (candidates.isEmpty()) {
        List<String> newest =
            tags.stream().filter(service::acceptsTag).sorted(Comparator.reverseOrder()).toList();
        throw new UsageException(
            "no tag '" + wanted + "' in " + service.image(),
            newest.isEmpty()
                ? "the registry has no tags for it yet; push one first"
                : "newest tags are: " + shortList(newest));
      }
      tag = candidates.get(0);
    }
    if (!service.acceptsTag(tag)) {
      throw new UsageException(
          "tag '" + tag + "' does not fit " + service.name() + "'s pattern " + service.tagPattern(),
          "deploy a tag that fits the pattern");
    }
    String digest =
        registry
            .digest(service.image(), tag)
            .orElseThrow(
                () ->
                    new UsageException(
                        "tag '" + tag + "' of " + service.image() + " vanished from the registry",
                        "check the registry and try again"));
    return new ImageRef(service.image(), tag, digest);
  }

  /**
   * The pinned image's tag as the registry has it now (at quorum, on a resume): the same reference
   * with the tag's current digest.
   *
   * @throws UsageException when the tag vanished from the registry
   */
  public ImageRef repin(String pinned) {
    ImageRef ref = ImageRef.parse(pinned);
    String digest =
        registry
            .digest(ref.repository(), ref.tag())
            .orElseThrow(
                () ->
                    new UsageException(
                        "tag '"
                            + ref.tag()
                            + "' of "
                            + ref.repository()
                            + " vanished from the registry",
                        "nothing was changed; use another tag"));
    return new ImageRef(ref.repository(), ref.tag(), digest);
  }

  private static String shortList(List<String> tags) {
    String shown = String.join(", ", tags.subList(0, Math.min(SHOWN, tags.size())));
    return tags.size() > SHOWN ? shown + " and " + (tags.size() - SHOWN) + " more" : shown;
  }
}
