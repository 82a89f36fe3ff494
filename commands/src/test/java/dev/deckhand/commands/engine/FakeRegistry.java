package dev.deckhand.commands.engine;

import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.RegistryException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory registry: tags in push order, each with a digest derived from its name. */
final class FakeRegistry implements ImageRegistry {
  private final Map<String, Map<String, String>> images = new LinkedHashMap<>();
  private volatile RegistryException failure;

  synchronized FakeRegistry push(String image, String... tags) {
    for (String tag : tags) {
      images.computeIfAbsent(image, i -> new LinkedHashMap<>()).put(tag, digestOf(image, tag));
    }
    return this;
  }

  /** What a pod spec carries after Deckhand deployed the tag: {@code image:tag@sha256:...}. */
  static String pinned(String image, String tag) {
    return image + ":" + tag + "@" + digestOf(image, tag);
  }

  /** The tag is pushed again with other content: same name, new digest. */
  synchronized void repush(String image, String tag) {
    images.get(image).put(tag, digestOf(image, tag + "#again"));
  }

  /** What the tag is pinned to now. */
  synchronized String pinnedNow(String image, String tag) {
    return image + ":" + tag + "@" + images.get(image).get(tag);
  }

  void failWith(RegistryException e) {
    failure = e;
  }

  @Override
  public synchronized List<String> tags(String image) {
    throwIfFailing();
    return new ArrayList<>(images.getOrDefault(image, Map.of()).keySet());
  }

  @Override
  public synchronized Optional<String> digest(String image, String tag) {
    throwIfFailing();
    return Optional.ofNullable(images.getOrDefault(image, Map.of()).get(tag));
  }

  private final Map<String, dev.deckhand.commands.ports.ImageConfig> configs =
      new LinkedHashMap<>();

  /** The config a manifest's blob says (linux/amd64, no labels, unless set here). */
  synchronized void config(String digest, dev.deckhand.commands.ports.ImageConfig config) {
    configs.put(digest, config);
  }

  @Override
  public synchronized Optional<dev.deckhand.commands.ports.ImageConfig> config(
      String image, String digest) {
    throwIfFailing();
    boolean known =
        images.values().stream().anyMatch(tags -> tags.containsValue(digest))
            || configs.containsKey(digest);
    if (!known) {
      return Optional.empty();
    }
    return Optional.of(
        configs.getOrDefault(
            digest,
            new dev.deckhand.commands.ports.ImageConfig(
                "linux", "amd64", Optional.empty(), Map.of())));
  }

  @Override
  public synchronized void tag(String image, String tag, String digest) {
    throwIfFailing();
    if (!images.getOrDefault(image, Map.of()).containsValue(digest)) {
      throw new RegistryException("no manifest " + digest + " in " + image);
    }
    images.get(image).put(tag, digest);
  }

  @Override
  public synchronized void copy(String from, String digest, String to, String tag) {
    throwIfFailing();
    if (!images.getOrDefault(from, Map.of()).containsValue(digest)) {
      throw new RegistryException("no manifest " + digest + " in " + from);
    }
    images.computeIfAbsent(to, i -> new LinkedHashMap<>()).put(tag, digest);
  }

  private void throwIfFailing() {
    RegistryException e = failure;
    if (e != null) {
      throw e;
    }
  }

  private static String digestOf(String image, String tag) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((image + ":" + tag).getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
