package dev.deckhand.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run measured: cores, memory, CPU model, JDK, load. Read from /proc. */
final class Machine {
  private Machine() {}

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  static String describe() {
    return String.format(
        "%d cores (%s), %s memory, %s %s (%s), %s %s",
        cores(),
        first(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU"),
        first(Path.of("/proc/meminfo"), "MemTotal").orElse("unknown"),
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.vendor"),
        System.getProperty("os.name"),
        System.getProperty("os.version"));
  }

  /** {@code /proc/loadavg} as it reads, trimmed ("?" if unreadable). */
  static String loadavg() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  /** The 1-minute load average. */
  static double load() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static java.util.Optional<String> first(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.stream()
          .filter(l -> l.startsWith(key))
          .findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim().replaceAll("\\s+", " "));
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }
}
