package dev.deckhand.bot;

import dev.deckhand.store.StoreException;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the writes an engine makes through its store ports and blows at one of them: the write
 * throws as a failing database would ({@link Mode#STORE_ERROR}), or the process dies there ({@link
 * Mode#DEATH_BEFORE} the write is committed, {@link Mode#DEATH_AFTER} it is committed and before
 * the engine hears so). Once dead, every call through any port guarded by this fuse throws {@link
 * Death}. Thread-safe.
 */
final class Fuse {

  /** What happens at the armed write. */
  enum Mode {
    /** Nothing: the dry run that counts the writes. */
    NONE,
    /** That one write throws a {@link StoreException}; later writes succeed. */
    STORE_ERROR,
    /** The process dies just before the write: it never reaches the database. */
    DEATH_BEFORE,
    /** The process dies just after the write committed, before the engine learns it did. */
    DEATH_AFTER
  }

  /** Thrown by every call of a dead process. */
  static final class Death extends RuntimeException {
    Death(String message) {
      super(message);
    }
  }

  private final Mode mode;
  private final int point;
  private final List<String> writes = new ArrayList<>();
  private boolean dead;
  private String blownAt = "";
  private int firstChangeAt = -1;

  /**
   * @param point the 1-based write that blows; ignored for {@link Mode#NONE}
   */
  Fuse(Mode mode, int point) {
    this.mode = mode;
    this.point = point;
  }

  static Fuse unarmed() {
    return new Fuse(Mode.NONE, 0);
  }

  Mode mode() {
    return mode;
  }

  int point() {
    return point;
  }

  /**
   * Counts a write about to be made. Throws when it is the armed point (store error, death before)
   * or the process is already dead.
   *
   * @return true when the write must go through and the process die right after it
   */
  synchronized boolean write(String label) {
    requireAlive(label);
    writes.add(label);
    if (mode == Mode.NONE || writes.size() != point) {
      return false;
    }
    blownAt = label;
    return switch (mode) {
      case STORE_ERROR ->
          throw new StoreException(
              "injected: the database refused write " + point + " (" + label + ")");
      case DEATH_BEFORE -> {
        dead = true;
        throw death(label);
      }
      case DEATH_AFTER -> {
        // Every other call fails from now on; this one still commits.
        dead = true;
        yield true;
      }
      case NONE -> false;
    };
  }

  /** Throws {@link Death} when the process is dead. */
  synchronized void requireAlive(String call) {
    if (dead) {
      throw death(call);
    }
  }

  synchronized boolean dead() {
    return dead;
  }

  /** Whether the armed write was reached. */
  synchronized boolean blown() {
    return !blownAt.isEmpty();
  }

  /** The label of the armed write when it was reached, else empty. */
  synchronized String blownAt() {
    return blownAt;
  }

  /** The writes counted so far, in order ({@code OperationStore.update}, …). */
  synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  /** The cluster is about to be changed: the first time, notes how many writes came before. */
  synchronized void clusterChanges() {
    if (firstChangeAt < 0) {
      firstChangeAt = writes.size();
    }
  }

  /** How many writes came before the first change of the cluster; -1 if it never changed. */
  synchronized int firstChangeAt() {
    return firstChangeAt;
  }

  synchronized int count() {
    return writes.size();
  }

  Death death(String call) {
    return new Death("injected: the process is gone (" + call + ")");
  }
}
