package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.HealthCheck;
import dev.deckhand.commands.model.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's {@code targets:} environment → {@code {namespace, deployment, container, verify}}.
 * The container defaults to the deployment's name; a target's own {@code verify} replaces the
 * service's. A check's {@code {service}} is the service's {@code blue-green:} Service, else the
 * deployment's name.
 */
final class TargetSection {
  /** The targets and the expanded health checks, both keyed by environment. */
  record Parsed(Map<String, Target> targets, Map<String, List<HealthCheck>> verify) {}

  private TargetSection() {}

  static Optional<Parsed> parse(
      YamlNode node,
      Declared<EnvironmentSpec> environments,
      List<VerifySection.Template> serviceChecks,
      Optional<String> kubeService) {
    Optional<YamlMap> map = node.namedMap();
    if (map.isEmpty()) {
      return Optional.empty();
    }
    if (map.get().isEmpty()) {
      node.problem("at least one target is required: environment: {namespace, deployment}");
      return Optional.empty();
    }
    Map<String, Target> targets = new LinkedHashMap<>();
    Map<String, List<HealthCheck>> verify = new LinkedHashMap<>();
    for (Map.Entry<String, YamlNode> e : map.get().entries().entrySet()) {
      String env = e.getKey();
      if (!References.check(e.getValue(), "environment", env, environments.names())) {
        continue;
      }
      EnvironmentSpec environment = environments.valid().get(env);
      target(e.getValue(), environment, serviceChecks, kubeService)
          .ifPresent(
              parsed -> {
                targets.put(env, parsed.targets().get(env));
                verify.put(env, parsed.verify().get(env));
              });
    }
    return targets.size() == map.get().entries().size()
        ? Optional.of(new Parsed(targets, verify))
        : Optional.empty();
  }

  /** One target; empty when something is wrong or the environment itself is broken. */
  private static Optional<Parsed> target(
      YamlNode node,
      EnvironmentSpec environment,
      List<VerifySection.Template> serviceChecks,
      Optional<String> kubeService) {
    Optional<YamlMap> found = node.map("namespace", "deployment", "container", "verify");
    if (found.isEmpty()) {
      return Optional.empty();
    }
    YamlMap map = found.get();
    Optional<String> namespace =
        map.requiredText("namespace").filter(n -> map.accept("namespace", Names.labelProblem(n)));
    Optional<String> deployment =
        map.requiredText("deployment")
            .filter(d -> map.accept("deployment", Names.subdomainProblem(d)));
    Optional<String> container =
        map.text("container").filter(c -> map.accept("container", Names.labelProblem(c)));
    boolean containerOk = map.get("container").isEmpty() || container.isPresent();
    Optional<List<VerifySection.Template>> ownChecks =
        map.get("verify").flatMap(VerifySection::parse);
    if (environment == null || namespace.isEmpty() || deployment.isEmpty() || !containerOk) {
      return Optional.empty();
    }
    Target target =
        new Target(
            environment.cluster(),
            namespace.get(),
            deployment.get(),
            container.orElse(deployment.get()));
    List<HealthCheck> checks = new ArrayList<>();
    for (VerifySection.Template check : ownChecks.orElse(serviceChecks)) {
      check
          .forTarget(environment.name(), target, kubeService.orElse(target.deployment()))
          .ifPresent(checks::add);
    }
    return Optional.of(
        new Parsed(Map.of(environment.name(), target), Map.of(environment.name(), checks)));
  }
}
