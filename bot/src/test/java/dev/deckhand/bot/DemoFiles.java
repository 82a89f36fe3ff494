package dev.deckhand.bot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files {@code config/demo.yaml} names by relative path (a ConfigMap's env file, the demo's
 * secret file), copied beside a copy of the catalog that a test writes elsewhere.
 */
final class DemoFiles {
  private static final Path CONFIG = Path.of("..", "config");
  private static final List<String> FILES =
      List.of(
          "gateway.staging.env",
          "demo-secrets/gateway-api-token",
          "manifests/coachpilot/10-edge-config.yaml",
          "manifests/coachpilot/20-edge-service.yaml",
          "releases/2026-12-05.yaml");

  private DemoFiles() {}

  /** Copies them into {@code dir}, the directory of the catalog copy. */
  static void copyTo(Path dir) {
    try {
      for (String name : FILES) {
        Path to = dir.resolve(name);
        Files.createDirectories(to.getParent());
        Files.copy(CONFIG.resolve(name), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the demo's SQL migration files, {@code sql/coachpilot/*}, into {@code dir}. */
  static void copySqlTo(Path dir) {
    try {
      Path sql = dir.resolve("sql/coachpilot");
      Files.createDirectories(sql);
      try (var files = Files.list(CONFIG.resolve("sql/coachpilot"))) {
        for (Path f : files.toList()) {
          Files.copy(f, sql.resolve(f.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
