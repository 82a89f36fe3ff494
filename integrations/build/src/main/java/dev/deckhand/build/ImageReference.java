package dev.deckhand.build;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A push target {@code host[:port]/repository:tag}, split where the engine's push API wants it.
 *
 * @param repository {@code host[:port]/path}, what {@code POST /images/{name}/push} names
 * @param tag the tag
 */
record ImageReference(String repository, String tag) {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*");

  static ImageReference parse(String reference) {
    if (reference.contains("@")) {
      throw new IllegalArgumentException(
          "cannot push to '" + reference + "': a push names a tag, not a digest");
    }
    int slash = reference.lastIndexOf('/');
    int colon = reference.lastIndexOf(':');
    if (colon <= slash) {
      throw new IllegalArgumentException(
          "cannot push to '" + reference + "': it has no tag (host[:port]/repository:tag)");
    }
    String repository = reference.substring(0, colon);
    String tag = reference.substring(colon + 1);
    int firstSlash = repository.indexOf('/');
    Matcher path =
        REPOSITORY.matcher(firstSlash < 0 ? repository : repository.substring(firstSlash + 1));
    if (!TAG.matcher(tag).matches() || !path.matches()) {
      throw new IllegalArgumentException(
          "cannot push to '" + reference + "': not a valid host[:port]/repository:tag");
    }
    return new ImageReference(repository, tag);
  }

  @Override
  public String toString() {
    return repository + ":" + tag;
  }
}
