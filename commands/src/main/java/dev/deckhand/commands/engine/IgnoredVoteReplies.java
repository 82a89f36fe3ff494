package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replies to votes that do not count (the requester's own, someone outside the approver role) in
 * the approval request's thread, coalesced: at most one reply per (voter, operation) within {@link
 * #WINDOW}, however often that person toggles a reaction, and replies to at most {@link
 * #MAX_VOTERS} (voter, operation) pairs within a window across all operations; past that, further
 * ignored votes get no reply until older pairs age out. The audit row of every ignored vote is the
 * caller's to write, one per event: only the chat is spared. Replies go through the outbox ({@link
 * OperationRun#reply}), so nothing here blocks. Thread-safe.
 */
final class IgnoredVoteReplies {
  private static final Logger log = LoggerFactory.getLogger(IgnoredVoteReplies.class);

  /** How long one reply to a (voter, operation) stands for that pair's next ignored votes. */
  static final Duration WINDOW = Duration.ofMinutes(10);

  /** (voter, operation) pairs replied to within a window, across all operations. */
  static final int MAX_VOTERS = 256;

  private record Key(String platform, String voter, long operation) {}

  private final LongSupplier nanoClock;
  private final long windowNanos;
  private final int maxVoters;

  /** When each pair was last replied to, oldest first. */
  private final LinkedHashMap<Key, Long> replied = new LinkedHashMap<>();

  private boolean warnedFull;

  IgnoredVoteReplies(LongSupplier nanoClock, Duration window, int maxVoters) {
    if (maxVoters < 1) {
      throw new IllegalArgumentException("replies to at least one voter");
    }
    this.nanoClock = nanoClock;
    this.windowNanos = window.toNanos();
    this.maxVoters = maxVoters;
  }

  /** Says {@code why} in {@code run}'s thread unless this voter was told so lately. */
  void reply(OperationRun run, Actor voter, String why) {
    if (shouldReply(voter, run.id())) {
      run.reply(new Reply.Text(why));
    }
  }

  /** True when a reply is due now; it is then counted as made. */
  synchronized boolean shouldReply(Actor voter, long operationId) {
    long now = nanoClock.getAsLong();
    forgetExpired(now);
    Key key = new Key(voter.platform(), voter.id(), operationId);
    if (replied.containsKey(key)) {
      return false;
    }
    if (replied.size() >= maxVoters) {
      if (!warnedFull) {
        warnedFull = true;
        log.warn(
            "{} voters were told lately that their votes do not count; more get no reply",
            replied.size());
      }
      return false;
    }
    warnedFull = false;
    replied.put(key, now);
    return true;
  }

  /** Pairs still remembered (tests). */
  synchronized int remembered() {
    return replied.size();
  }

  /** Entries are in the order they were made, so the expired ones are at the head. */
  private void forgetExpired(long now) {
    for (Iterator<Map.Entry<Key, Long>> it = replied.entrySet().iterator(); it.hasNext(); ) {
      if (now - it.next().getValue() < windowNanos) {
        return;
      }
      it.remove();
    }
  }
}
