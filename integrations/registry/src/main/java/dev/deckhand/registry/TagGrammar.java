package dev.deckhand.registry;

import dev.deckhand.commands.ports.RegistryException;
import java.util.regex.Pattern;

/** The OCI tag grammar, checked before a tag goes into a URL. */
final class TagGrammar {
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  private TagGrammar() {}

  static String require(String tag) {
    if (tag == null || !TAG.matcher(tag).matches()) {
      throw new RegistryException(
          "invalid tag \""
              + tag
              + "\": a tag is 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or"
              + " '-'");
    }
    return tag;
  }
}
