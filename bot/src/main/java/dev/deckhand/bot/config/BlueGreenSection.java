package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.BlueGreenSpec;
import dev.deckhand.commands.catalog.Strategy;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service's {@code strategy:} ({@code rolling} by default, or {@code blue-green}) and its {@code
 * blue-green: { service, hold }}: the Kubernetes Service whose selector a blue-green deploy
 * switches, and how long the previous colour keeps its pods (30m by default).
 */
final class BlueGreenSection {
  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");

  private BlueGreenSection() {}

  /** The {@code blue-green:} section, if present and valid. */
  static Optional<BlueGreenSpec> parse(Optional<YamlNode> node) {
    if (node.isEmpty()) {
      return Optional.empty();
    }
    Optional<YamlMap> found = node.get().map("service", "hold");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> service = map.requiredText("service");
    if (service.isPresent() && !SERVICE_NAME.matcher(service.get()).matches()) {
      map.get("service")
          .orElseThrow()
          .problem("expected the name of a Kubernetes Service (lower case, digits, '-')");
      return Optional.empty();
    }
    Duration hold = BlueGreenSpec.DEFAULT_HOLD;
    Optional<YamlNode> holdNode = map.get("hold");
    if (holdNode.isPresent()) {
      Optional<Duration> d = holdNode.get().duration();
      if (d.isEmpty()) {
        return Optional.empty();
      }
      hold = d.get();
    }
    Duration held = hold;
    return service.map(s -> new BlueGreenSpec(s, held));
  }

  /**
   * The {@code strategy:}, {@link Strategy#ROLLING} when absent; {@code blue-green} needs a {@code
   * blue-green:} section, {@code canary} a {@code canary:} one.
   */
  static Optional<Strategy> strategy(YamlMap map, boolean hasSection, boolean hasCanary) {
    Optional<YamlNode> node = map.get("strategy");
    if (node.isEmpty()) {
      return Optional.of(Strategy.ROLLING);
    }
    Optional<Strategy> strategy = map.text("strategy").flatMap(Strategy::of);
    if (strategy.isEmpty()) {
      node.get().problem("expected rolling, blue-green or canary");
      return Optional.empty();
    }
    if (strategy.get() == Strategy.BLUE_GREEN && !hasSection) {
      node.get()
          .problem(
              "strategy blue-green needs a blue-green section, e.g. blue-green: { service:"
                  + " <the Kubernetes Service> }");
      return Optional.empty();
    }
    if (strategy.get() == Strategy.CANARY && !hasCanary) {
      node.get()
          .problem(
              "strategy canary needs a canary section, e.g. canary: { service: <the Kubernetes"
                  + " Service>, route: { ingress-route: <name> } }");
      return Optional.empty();
    }
    return strategy;
  }
}
