package dev.deckhand.bot.discord;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts Discord's answers 401, 403 and 429 over a rolling ten minutes, for every REST call JDA
 * makes (it sits in JDA's HTTP client). Discord bans an IP that collects {@link #BAN_THRESHOLD} of
 * them in that window; a warning is logged once the count passes {@link #WARN_AT}, a tenth of it,
 * and again each time it doubles. Thread-safe.
 */
final class RefusalCounter implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(RefusalCounter.class);
  static final int BAN_THRESHOLD = 10_000;
  static final int WARN_AT = BAN_THRESHOLD / 10;
  static final Duration WINDOW = Duration.ofMinutes(10);

  private final LongSupplier nanoClock;
  private final ArrayDeque<Long> refusals = new ArrayDeque<>();
  private int warnedAt;

  RefusalCounter(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    int code = response.code();
    if (code == 401 || code == 403 || code == 429) {
      record(code, chain.request().method() + " " + chain.request().url().encodedPath());
    }
    return response;
  }

  /** Counts one refusal; logs when the count climbs. */
  void record(int code, String call) {
    int count;
    boolean warn;
    synchronized (this) {
      long now = nanoClock.getAsLong();
      refusals.addLast(now);
      while (now - refusals.peekFirst() >= WINDOW.toNanos()) {
        refusals.pollFirst();
      }
      count = refusals.size();
      if (count < warnedAt / 2) {
        warnedAt = 0;
      }
      warn = count >= WARN_AT && count >= 2 * Math.max(warnedAt, WARN_AT / 2);
      if (warn) {
        warnedAt = count;
      }
    }
    if (warn) {
      log.warn(
          "Discord refused {} requests in the last 10 minutes (last: {} → {}); at {} it bans the"
              + " bot's IP",
          count,
          call,
          code,
          BAN_THRESHOLD);
    } else {
      log.debug("Discord answered {} to {}", code, call);
    }
  }

  /** Refusals within the last ten minutes. */
  synchronized int count() {
    long now = nanoClock.getAsLong();
    while (!refusals.isEmpty() && now - refusals.peekFirst() >= WINDOW.toNanos()) {
      refusals.pollFirst();
    }
    return refusals.size();
  }
}
