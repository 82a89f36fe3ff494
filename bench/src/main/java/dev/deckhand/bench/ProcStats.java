package dev.deckhand.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Linux says about a process under {@code /proc}: resident memory, threads, and its
 * established TCP connections to a port (its socket inodes from {@code /proc/<pid>/fd} matched
 * against {@code /proc/<pid>/net/tcp{,6}}). Reads files only; returns -1 where a process is gone.
 */
final class ProcStats {
  private static final String ESTABLISHED = "01";

  private ProcStats() {}

  /** VmRSS in MiB. */
  static double rssMib(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  static int threads(long pid) {
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      return (int) tasks.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Established connections of {@code pid} whose remote end is {@code 127.0.0.1:port}. */
  static int connectionsTo(long pid, int port) {
    Set<String> inodes = socketInodes(pid);
    if (inodes.isEmpty()) {
      return -1;
    }
    int count = 0;
    for (String table : List.of("tcp", "tcp6")) {
      try {
        for (String line :
            Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table))) {
          if (countsAsConnection(line, port, inodes)) {
            count++;
          }
        }
      } catch (IOException e) {
        // no IPv6 table: nothing to count there
      }
    }
    return count;
  }

  /**
   * One line of {@code /proc/net/tcp}: {@code sl local rem st tx:rx tr:tm retrnsmt uid timeout
   * inode …}, addresses as hex {@code ADDR:PORT}.
   */
  static boolean countsAsConnection(String line, int port, Set<String> inodes) {
    String[] f = line.trim().split("\\s+");
    if (f.length < 10 || !f[0].endsWith(":")) {
      return false;
    }
    String remote = f[2];
    int colon = remote.lastIndexOf(':');
    int remotePort = Integer.parseInt(remote.substring(colon + 1), 16);
    return remotePort == port && ESTABLISHED.equals(f[3]) && inodes.contains(f[9]);
  }

  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", pid + "", "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed meanwhile
        }
      }
    } catch (IOException e) {
      return Set.of();
    }
    return inodes;
  }
}
