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
        new ServiceSpec(
                "gateway",
                List.of("coachpilot-gateway"),
                "synergygroup/coachpilot-gateway",
                Pattern.compile("p10e-mmc-\\d{8}-[a-z0-9-]+"),
                Map.of(
                    "staging", new Target("staging", "coachpilot", "coachpilot-gateway", "gateway"),
                    "prod", new Target("prod", "coachpilot", "coachpilot-gateway", "gateway")),
                Map.of())
            .withConfig(TestSources.Gateway.defaults().config()));
    services.put(
        "quiz",
        new ServiceSpec(
            "quiz",
            List.of("moneyquiz-admin"),
            "synergygroup/moneyquiz-admin",
            Pattern.compile("v\\d+\\.\\d+\\.\\d+(-[a-z0-9-]+)?"),
            Map.of(
                "staging", new Target("staging", "assess", "dashboard", "dashboard"),
                "prod", new Target("prod", "assess", "dashboard", "dashboard")),
            Map.of()));
    services.put(
        "api",
        new ServiceSpec(
                "api",
                List.of(),
                "honeydue/api",
                Pattern.compile("[0-9a-f]{7,40}(-[a-z0-9-]+)?"),
                Map.of(
                    "staging", new Target("staging", "honeydue", "api", "api"),
                    "prod", new Target("prod", "honeydue", "api", "api")),
                Map.of())
            .withMigration(
                new dev.deckhand.commands.catalog.MigrationJob(
                    List.of("goose", "up"), java.time.Duration.ofMinutes(30))));
    services.put(
        "agent",
        new ServiceSpec(
            "agent",
            List.of(),
            "synergygroup/adaptive-assessment",
            null,
            Map.of("prod", new Target("prod", "az", "adaptive-assessment", "agent")),
            Map.of()));
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
    return withSql(new Catalog(clusters, envs, "staging", roles, Map.of(), services))
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
    return new Catalog(
            base.clusters(),
            base.environments(),
            base.defaultEnvironment(),
            base.roles(),
            base.registries(),
            services,
            base.people(),
            base.open())
        .withDatabases(
            Map.of(
                "coachpilot",
                new dev.deckhand.commands.catalog.DatabaseSpec(
                    "coachpilot", at, "postgres", "coachpilot", "coachpilot")));
  }
}
