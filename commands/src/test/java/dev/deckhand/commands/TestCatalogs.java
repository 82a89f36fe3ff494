package dev.deckhand.commands;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ClusterSpec;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.RoleSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Test data: a small CoachPilot-like catalog with staging (default) and a protected prod. */
public final class TestCatalogs {
  private TestCatalogs() {}

  public static Catalog coachpilot() {
    Map<String, ClusterSpec> clusters = new LinkedHashMap<>();
    clusters.put("staging", new ClusterSpec("staging", null, "staging", false));
    clusters.put("prod", new ClusterSpec("prod", null, "prod", false));
    Map<String, EnvironmentSpec> envs = new LinkedHashMap<>();
    envs.put("staging", new EnvironmentSpec("staging", "staging", false, true, List.of()));
    envs.put("prod", new EnvironmentSpec("prod", "prod", true, true, List.of("C-deploys")));
    Map<String, ServiceSpec> services = new LinkedHashMap<>();
    services.put(
        "gateway",
        ServiceSpec.builder("gateway", "synergygroup/coachpilot-gateway")
            .aliases(List.of("coachpilot-gateway"))
            .tagPattern(Pattern.compile("p10e-mmc-\\d{8}-[a-z0-9-]+"))
            .targets(
                Map.of(
                    "staging", new Target("staging", "coachpilot", "coachpilot-gateway", "gateway"),
                    "prod", new Target("prod", "coachpilot", "coachpilot-gateway", "gateway")))
            .config(TestSources.Gateway.defaults().config())
            .buildSpec(
                new dev.deckhand.commands.catalog.BuildSpec(
                    java.nio.file.Path.of("src", "coachpilot"),
                    "Dockerfile",
                    java.util.Optional.empty(),
                    Map.of(),
                    "linux/amd64",
                    "p10e-mmc-{date}-{sha7}",
                    java.time.Duration.ofMinutes(30)))
            .build());
    services.put(
        "quiz",
        ServiceSpec.builder("quiz", "synergygroup/moneyquiz-admin")
            .aliases(List.of("moneyquiz-admin"))
            .tagPattern(Pattern.compile("v\\d+\\.\\d+\\.\\d+(-[a-z0-9-]+)?"))
            .targets(
                Map.of(
                    "staging", new Target("staging", "assess", "dashboard", "dashboard"),
                    "prod", new Target("prod", "assess", "dashboard", "dashboard")))
            .build());
    services.put(
        "api",
        ServiceSpec.builder("api", "honeydue/api")
            .tagPattern(Pattern.compile("[0-9a-f]{7,40}(-[a-z0-9-]+)?"))
            .targets(
                Map.of(
                    "staging", new Target("staging", "honeydue", "api", "api"),
                    "prod", new Target("prod", "honeydue", "api", "api")))
            .migration(
                new dev.deckhand.commands.catalog.MigrationJob(
                    List.of("goose", "up"), java.time.Duration.ofMinutes(30)))
            .build());
    services.put(
        "agent",
        ServiceSpec.builder("agent", "synergygroup/adaptive-assessment")
            .targets(Map.of("prod", new Target("prod", "az", "adaptive-assessment", "agent")))
            .build());
    Map<String, RoleSpec> roles = new LinkedHashMap<>();
    roles.put(
        "developers",
        new RoleSpec(
            "developers",
            Map.of("console", List.of("alice")),
            List.of(
                "deploy:*",
                "migrate:*",
                "rollback:*",
                "restart:*",
                "scale:*",
                "pause:*",
                "resume:*",
                "lock:staging",
                "freeze:staging")));
    roles.put(
        "release-managers",
        new RoleSpec(
            "release-managers",
            Map.of("console", List.of("bob", "dave")),
            List.of(
                "deploy:*",
                "migrate:*",
                "rollback:*",
                "restart:*",
                "scale:*",
                "pause:*",
                "resume:*",
                "approve:prod",
                "break-glass:prod",
                "lock:*",
                "freeze:*")));
    return withSql(
            Catalog.builder()
                .clusters(clusters)
                .environments(envs)
                .defaultEnvironment("staging")
                .roles(roles)
                .services(services)
                .promotion(
                    new dev.deckhand.commands.catalog.PromotionSpec(
                        List.of("staging", "prod"),
                        java.time.Duration.ZERO,
                        Map.of("prod", "production")))
                .build())
        .withBundles(
            Map.of(
                "coachpilot-edge",
                new dev.deckhand.commands.catalog.BundleSpec(
                    "coachpilot-edge",
                    java.nio.file.Path.of("manifests", "coachpilot"),
                    Map.of(
                        "staging",
                        new Target(
                            "staging", "coachpilot", "coachpilot-edge", "coachpilot-edge")))));
  }

  /**
   * The catalog with CoachPilot's database ({@code coachpilot}: deployment {@code postgres} in
   * namespace coachpilot of staging and prod) and gateway's SQL migrations in {@code
   * sql/coachpilot}.
   */
  public static Catalog withSql(Catalog base) {
    dev.deckhand.commands.exec.PodSelector pod =
        new dev.deckhand.commands.exec.PodSelector(
            dev.deckhand.commands.exec.PodSelector.Kind.DEPLOYMENT, "postgres");
    Map<String, dev.deckhand.commands.catalog.DatabaseSpec.Location> at = new LinkedHashMap<>();
    for (String env : List.of("staging", "prod")) {
      at.put(
          env,
          new dev.deckhand.commands.catalog.DatabaseSpec.Location(
              new Target(env, "coachpilot", "postgres", "postgres"), pod));
    }
    Map<String, ServiceSpec> services = new LinkedHashMap<>(base.services());
    ServiceSpec gw = services.get("gateway");
    services.put(
        "gateway",
        gw.withSql(
            new dev.deckhand.commands.catalog.SqlMigration(
                "coachpilot", java.nio.file.Path.of("sql/coachpilot"))));
    return core(base)
        .services(services)
        .databases(
            Map.of(
                "coachpilot",
                new dev.deckhand.commands.catalog.DatabaseSpec(
                    "coachpilot", at, "postgres", "coachpilot", "coachpilot")))
        .build();
  }

  /**
   * A builder holding {@code base}'s clusters, environments, default environment, roles,
   * registries, services, people, openness and promotion chain, but not its databases, release or
   * bundles.
   */
  public static Catalog.Builder core(Catalog base) {
    return Catalog.builder()
        .clusters(base.clusters())
        .environments(base.environments())
        .defaultEnvironment(base.defaultEnvironment())
        .roles(base.roles())
        .registries(base.registries())
        .services(base.services())
        .people(base.people())
        .open(base.open())
        .promotion(base.promotion());
  }
}
