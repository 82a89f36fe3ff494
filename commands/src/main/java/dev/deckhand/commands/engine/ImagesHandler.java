package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Images;
import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.policy.Permissions;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.ports.ImageConfig;
import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.RegistryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /images}: the image timeline that runbooks keep by hand. The newest tags that fit the
 * service's pattern (by name, newest last as the registry sorts, the same order {@code /deploy}
 * suggests), each with its digest and age, then which environment runs which digest and where a
 * zone tag points. Environments the asker may not read ({@code status:<env>}) are left out.
 * Read-only; a registry or cluster that cannot answer is said in its line, not thrown.
 */
final class ImagesHandler implements Handler<Images> {
  /** Tags shown, newest first. */
  static final int SHOWN = 10;

  private final Catalog catalog;
  private final Cluster cluster;
  private final ImageRegistry registry;
  private final Permissions permissions;
  private final Clock clock;

  ImagesHandler(
      Catalog catalog,
      Cluster cluster,
      ImageRegistry registry,
      Permissions permissions,
      Clock clock) {
    this.catalog = catalog;
    this.cluster = cluster;
    this.registry = registry;
    this.permissions = permissions;
    this.clock = clock;
  }

  @Override
  public void handle(Images i, Request request) {
    ServiceSpec service = i.service();
    Map<String, String> running = running(service, request);
    List<String> lines = new ArrayList<>();
    List<String> tags;
    try {
      tags =
          registry.tags(service.image()).stream()
              .filter(service::acceptsTag)
              .sorted(Comparator.reverseOrder())
              .limit(SHOWN)
              .toList();
    } catch (RegistryException e) {
      tags = List.of();
      lines.add("the registry could not list the tags: " + e.getMessage());
    }
    if (tags.isEmpty() && lines.isEmpty()) {
      lines.add("no tag of " + service.image() + " fits its pattern yet; push one first");
    }
    for (String tag : tags) {
      lines.add(tagLine(service, tag, running));
    }
    running.forEach(
        (env, image) -> lines.add(env + " runs " + (image.isEmpty() ? "nothing readable" : image)));
    zoneTags(service, running).forEach(lines::add);
    request
        .conversation()
        .answer(
            new Reply.Listing(
                "Images of " + service.name() + " (" + service.image() + "), newest first", lines));
  }

  /** The image each readable environment runs ({@code tag@digest}), by environment. */
  private Map<String, String> running(ServiceSpec service, Request request) {
    Map<String, String> running = new LinkedHashMap<>();
    for (String env : catalog.environments().keySet()) {
      Optional<Target> target = service.target(env);
      if (target.isEmpty() || !permissions.allows(request.actor(), "status", env)) {
        continue;
      }
      try {
        String image = cluster.read(target.get()).image();
        running.put(env, image == null ? "" : ImageRef.parse(image).shortForm());
      } catch (ClusterException | IllegalArgumentException e) {
        running.put(env, "");
      }
    }
    return running;
  }

  private String tagLine(ServiceSpec service, String tag, Map<String, String> running) {
    Optional<String> digest;
    try {
      digest = registry.digest(service.image(), tag);
    } catch (RegistryException e) {
      return tag + "  (digest unreadable: " + e.getMessage() + ")";
    }
    if (digest.isEmpty()) {
      return tag + "  (vanished while listing)";
    }
    String age = age(service, digest.get());
    List<String> where = new ArrayList<>();
    running.forEach(
        (env, image) -> {
          if (image.endsWith("@" + shortDigest(digest.get()))) {
            where.add(env);
          }
        });
    return tag
        + "  "
        + shortDigest(digest.get())
        + "  "
        + age
        + (where.isEmpty() ? "" : "  ← runs in " + String.join(", ", where));
  }

  private String age(ServiceSpec service, String digest) {
    try {
      return registry
          .config(service.image(), digest)
          .flatMap(ImageConfig::created)
          .map(this::ago)
          .orElse("age unknown");
    } catch (RegistryException e) {
      return "age unknown";
    }
  }

  /** Where each zone tag of the promotion chain points, for the environments shown. */
  private List<String> zoneTags(ServiceSpec service, Map<String, String> running) {
    List<String> lines = new ArrayList<>();
    for (String env : running.keySet()) {
      Optional<String> zoneTag = catalog.promotion().zoneTag(env);
      if (zoneTag.isEmpty()) {
        continue;
      }
      String at;
      try {
        at =
            registry
                .digest(service.image(), zoneTag.get())
                .map(ImagesHandler::shortDigest)
                .orElse("not set yet");
      } catch (RegistryException e) {
        at = "unreadable (" + e.getMessage() + ")";
      }
      lines.add("zone tag :" + zoneTag.get() + " (" + env + ") → " + at);
    }
    return lines;
  }

  private String ago(Instant created) {
    Duration d = Duration.between(created, clock.instant());
    if (d.isNegative()) {
      return "built just now";
    }
    if (d.toDays() > 0) {
      return d.toDays() + " d old";
    }
    if (d.toHours() > 0) {
      return d.toHours() + " h old";
    }
    return Math.max(1, d.toMinutes()) + " min old";
  }

  /** {@code sha256:} and the first 12 hex digits, as {@link ImageRef#shortForm} shows them. */
  static String shortDigest(String digest) {
    return digest.substring(0, Math.min(digest.length(), "sha256:".length() + 12));
  }
}
