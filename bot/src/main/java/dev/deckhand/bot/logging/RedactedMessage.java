package dev.deckhand.bot.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %redacted}: the log message with secrets masked (see {@link LogRedaction}). */
public final class RedactedMessage extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return LogRedaction.current().redact(event.getFormattedMessage());
  }
}
