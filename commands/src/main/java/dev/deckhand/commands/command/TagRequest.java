package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.parse.UsageException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tag or tag prefix as typed, valid under the OCI tag grammar, possibly a prefix of a tag the
 * service's pattern accepts, and never {@code latest} in a protected environment.
 */
public record TagRequest(String text) {
  private static final Pattern OCI_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  public TagRequest {
    if (!OCI_TAG.matcher(text).matches()) {
      throw new UsageException(
          "'" + text + "' is not a valid image tag",
          "tags are 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'");
    }
  }

  /** Validates the request against a service and environment. */
  static TagRequest of(String text, ServiceSpec service, EnvironmentSpec env) {
    TagRequest tag = new TagRequest(text);
    if (text.equals("latest") && env.isProtected()) {
      throw new UsageException(
          "'latest' is refused in " + env.name() + ": it names no fixed build",
          "give the exact tag, e.g. /deploy " + service.name() + " <tag> --env " + env.name());
    }
    if (service.tagPattern() != null) {
      Matcher m = service.tagPattern().matcher(text);
      if (!m.matches() && !m.hitEnd()) {
        throw new UsageException(
            "'"
                + text
                + "' does not fit "
                + service.name()
                + "'s tag pattern "
                + service.tagPattern(),
            "give a tag (or the start of one) that fits " + service.tagPattern());
      }
    }
    return tag;
  }
}
