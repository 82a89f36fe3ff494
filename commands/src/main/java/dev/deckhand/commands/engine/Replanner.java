package dev.deckhand.commands.engine;

import dev.deckhand.commands.model.ImageRef;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads the world again for a planned operation (the tag's digest now, what runs now) and hashes
 * the plan, so that votes given for one plan never approve another. Blocking; thread-safe.
 */
final class Replanner {
  private final Cluster cluster;
  private final ImageRegistry registry;

  Replanner(Cluster cluster, ImageRegistry registry) {
    this.cluster = cluster;
    this.registry = registry;
  }

  /** The plan as it would run now, with its hash. */
  OpParams refresh(OpParams p) {
    RolloutSnapshot now = cluster.read(p.target());
    String image = p.image();
    if (!image.isEmpty()) {
      ImageRef ref = ImageRef.parse(image);
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
                          "nothing was changed; deploy another tag"));
      image = new ImageRef(ref.repository(), ref.tag(), digest).pinned();
    }
    OpParams fresh = p.withPlan(image, now.image(), now.revision(), "");
    return fresh.withPlan(fresh.image(), fresh.beforeImage(), fresh.beforeRevision(), hash(fresh));
  }

  /** SHA-256 over everything the plan would change and what it starts from. */
  static String hash(OpParams p) {
    String canonical =
        String.join(
            "\n",
            p.summary(),
            p.service(),
            p.environment(),
            p.target().toString(),
            p.image(),
            Long.toString(p.toRevision()),
            p.beforeImage(),
            Long.toString(p.beforeRevision()));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** What differs between two plans, in words. */
  static String difference(OpParams before, OpParams now) {
    if (!before.image().equals(now.image())) {
      return "the tag now points to " + ImageRef.parse(now.image()).shortForm();
    }
    if (before.beforeRevision() != now.beforeRevision()
        || !before.beforeImage().equals(now.beforeImage())) {
      return "the deployment changed meanwhile (now revision " + now.beforeRevision() + ")";
    }
    return "the plan changed";
  }
}
