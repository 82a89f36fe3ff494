package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.BuildSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's {@code build:}: {@code { repository, dockerfile, target, args, platform, tag, timeout
 * }}, how {@code /build} makes its image. The repository is resolved against the catalog's own
 * directory and must exist at load.
 */
final class BuildSection {
  private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9]+(/v[0-9]+)?");
  private static final Pattern ARG = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern STAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final List<String> PLACEHOLDERS = List.of("sha7", "sha", "date");

  private BuildSection() {}

  static Optional<BuildSpec> parse(Optional<YamlNode> node) {
    if (node.isEmpty()) {
      return Optional.empty();
    }
    Optional<YamlMap> found =
        node.get().map("repository", "dockerfile", "target", "args", "platform", "tag", "timeout");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    boolean ok = true;
    Optional<Path> repository = map.requiredText("repository").map(r -> resolve(node.get(), r));
    if (repository.isPresent() && !Files.isDirectory(repository.get())) {
      map.get("repository")
          .orElseThrow()
          .problem(
              repository.get()
                  + " is not a directory; give the path of a local git repository (relative to"
                  + " the catalog file)");
      ok = false;
    }
    String dockerfile = map.text("dockerfile").orElse("Dockerfile");
    if (dockerfile.startsWith("/") || dockerfile.contains("..")) {
      map.get("dockerfile")
          .orElseThrow()
          .problem("expected a path inside the repository, e.g. deploy/Dockerfile");
      ok = false;
    }
    Optional<String> target = map.text("target");
    if (target.isPresent() && !STAGE.matcher(target.get()).matches()) {
      map.get("target").orElseThrow().problem("expected a stage name of the Dockerfile");
      ok = false;
    }
    String platform = map.text("platform").orElse(BuildSpec.DEFAULT_PLATFORM);
    if (!PLATFORM.matcher(platform).matches()) {
      map.get("platform").orElseThrow().problem("expected os/architecture, e.g. linux/amd64");
      ok = false;
    }
    String tag = map.text("tag").orElse(BuildSpec.DEFAULT_TAG);
    ok &= tagOk(map, tag);
    Duration timeout = BuildSpec.DEFAULT_TIMEOUT;
    Optional<YamlNode> timeoutNode = map.get("timeout");
    if (timeoutNode.isPresent()) {
      Optional<Duration> d = timeoutNode.get().duration();
      ok &= d.isPresent();
      timeout = d.orElse(timeout);
    }
    Map<String, String> args = new LinkedHashMap<>();
    Optional<YamlNode> argsNode = map.get("args");
    if (argsNode.isPresent()) {
      Optional<YamlMap> named = argsNode.get().namedMap();
      if (named.isEmpty()) {
        return Optional.empty();
      }
      for (Map.Entry<String, YamlNode> e : named.get().entries().entrySet()) {
        Optional<String> value = e.getValue().text();
        if (!ARG.matcher(e.getKey()).matches()) {
          e.getValue().problem("a build argument is a name such as GIT_SHA");
          ok = false;
        } else if (value.isEmpty()) {
          ok = false;
        } else {
          args.put(e.getKey(), value.get());
        }
      }
    }
    if (!ok || repository.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new BuildSpec(repository.get(), dockerfile, target, args, platform, tag, timeout));
  }

  private static boolean tagOk(YamlMap map, String tag) {
    Matcher m = BuildSpec.PLACEHOLDER.matcher(tag);
    boolean commit = false;
    while (m.find()) {
      if (!PLACEHOLDERS.contains(m.group(1))) {
        map.get("tag")
            .orElseThrow()
            .problem(
                "unknown placeholder {"
                    + m.group(1)
                    + "}; a tag pattern may use {sha7}, {sha} and {date}");
        return false;
      }
      commit |= m.group(1).startsWith("sha");
    }
    if (!commit) {
      map.get("tag")
          .orElseThrow()
          .problem(
              "a tag pattern needs {sha7} or {sha}, so that each commit gets its own tag, e.g."
                  + " p10e-mmc-{date}-{sha7}");
      return false;
    }
    String sample = tag.replaceAll("\\{[a-z0-9]+}", "a");
    if (!sample.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")) {
      map.get("tag")
          .orElseThrow()
          .problem("a tag has letters, digits, '_', '.' and '-' only, e.g. p10e-mmc-{date}-{sha7}");
      return false;
    }
    return true;
  }

  private static Path resolve(YamlNode node, String path) {
    Path base = node.context().baseDir();
    return base == null ? Path.of(path) : base.resolve(path).normalize();
  }
}
