package dev.deckhand.bot.discord;

import java.util.concurrent.atomic.AtomicLong;

/** Fresh Discord snowflakes: the current time since Discord's epoch, shifted, plus a counter. */
final class Snowflakes {
  static final long DISCORD_EPOCH = 1420070400000L;
  private static final AtomicLong counter = new AtomicLong();

  private Snowflakes() {}

  static String next() {
    return at(System.currentTimeMillis());
  }

  /** A snowflake created at {@code epochMillis} (say 51 minutes ago). */
  static String at(long epochMillis) {
    return Long.toUnsignedString(
        ((epochMillis - DISCORD_EPOCH) << 22) | (counter.incrementAndGet() & 0x3FFFFF));
  }
}
