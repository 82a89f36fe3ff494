package dev.deckhand.bot.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %redactedEx}: the stack trace with secrets masked; exception messages often quote URLs and
 * headers. Being a throwable converter, it also stops Logback from appending the raw trace.
 */
public final class RedactedThrowable extends ThrowableProxyConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return LogRedaction.current().redact(super.convert(event));
  }
}
