package dev.deckhand.commands.catalog;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service's {@code build:}: how {@code /build} makes its image from a git ref. Immutable.
 *
 * @param repository a local git repository (bare or not), read with JGit
 * @param dockerfile the Dockerfile's path inside the repository
 * @param target the stage to build, when not the last
 * @param args build arguments
 * @param platform {@code os/architecture}, {@code linux/amd64} by default
 * @param tag the tag pattern: {@code {sha7}} (the commit's first 7 hex digits), {@code {sha}} (all
 *     of them), {@code {date}} (the build day, {@code yyyyMMdd} UTC) and literal text
 * @param timeout how long build and push may take
 */
public record BuildSpec(
    Path repository,
    String dockerfile,
    Optional<String> target,
    Map<String, String> args,
    String platform,
    String tag,
    Duration timeout) {
  public static final String DEFAULT_PLATFORM = "linux/amd64";
  public static final String DEFAULT_TAG = "{sha7}";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  /** The placeholders a tag pattern may use. */
  public static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9]+)}");

  public BuildSpec {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(dockerfile, "dockerfile");
    Objects.requireNonNull(target, "target");
    args = Map.copyOf(args);
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(timeout, "timeout");
  }

  /** The architecture part of the platform ({@code amd64}). */
  public String architecture() {
    return platform.substring(platform.indexOf('/') + 1);
  }

  /** The tag for a build of {@code commit} on {@code day}. */
  public String tagFor(String commit, LocalDate day) {
    return tag.replace("{sha7}", commit.substring(0, Math.min(7, commit.length())))
        .replace("{sha}", commit)
        .replace("{date}", day.toString().replace("-", ""));
  }
}
