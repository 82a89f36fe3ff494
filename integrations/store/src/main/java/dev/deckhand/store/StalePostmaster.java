package dev.deckhand.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears what a previous bot process killed with {@code kill -9} leaves in an embedded data
 * directory. {@code pg_ctl start} daemonises the server, so when the JVM dies without closing it
 * the server keeps running on the old port and holds {@code postmaster.pid}; a new start on the
 * same directory would then fail. If no live process holds the directory's lock file (which the
 * embedded server's owner keeps locked while it runs), such a server is an orphan: it is stopped
 * with SIGTERM and awaited. A pid file naming a dead or unrelated process is removed.
 */
final class StalePostmaster {

  private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);
  private static final String OWNER_LOCK = "epg-lock";
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private StalePostmaster() {}

  static void clear(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    requireNoLiveOwner(dataDir);
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    Optional<ProcessHandle> server = orphan(lines, dataDir);
    if (server.isEmpty()) {
      LOG.info("removing stale {} (its process is gone)", pidFile);
      Files.deleteIfExists(pidFile);
      return;
    }
    LOG.warn(
        "stopping PostgreSQL (pid {}) left running on {} by a previous process",
        server.get().pid(),
        dataDir);
    stop(server.get(), dataDir);
  }

  private static void requireNoLiveOwner(Path dataDir) throws IOException {
    try (FileChannel channel =
            FileChannel.open(
                dataDir.resolve(OWNER_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw new StoreException(dataDir + " is in use by another running Deckhand process");
      }
    } catch (OverlappingFileLockException e) {
      throw new StoreException(dataDir + " is already open in this process", e);
    }
  }

  /** The server named by the pid file, if it is alive and is PostgreSQL on this directory. */
  private static Optional<ProcessHandle> orphan(List<String> pidFileLines, Path dataDir) {
    if (pidFileLines.size() < 2 || !pidFileLines.get(1).trim().equals(dataDir.toString())) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(pidFileLines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                executable(p)
                    .map(e -> e.getFileName().toString().equals("postgres"))
                    .orElse(false));
  }

  private static Optional<Path> executable(ProcessHandle process) {
    return process.info().command().map(Path::of);
  }

  private static void stop(ProcessHandle server, Path dataDir) {
    // SIGTERM asks for a smart shutdown, which waits for client sessions to end; those of the
    // dead process ended with it. (pg_ctl stop -m fast would need unshare when run as root.)
    server.destroy();
    try {
      server.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      throw new StoreException(
          "PostgreSQL (pid "
              + server.pid()
              + ") left running on "
              + dataDir
              + " did not stop within "
              + STOP_WAIT.toSeconds()
              + " s (is a client still connected?); stop it and start again",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while stopping an orphaned PostgreSQL", e);
    }
  }
}
