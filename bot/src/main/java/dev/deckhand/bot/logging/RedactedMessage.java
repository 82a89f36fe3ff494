package dev.deckhand.bot.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %redacted}: the log message with secrets masked (see {@link LogRedaction}) and control
 * characters escaped (see {@link ControlCharacters}), so a message is one line whatever text from
 * chat it quotes.
 */
public final class RedactedMessage extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    // Redacted before escaping: a secret's shape ends at whitespace that escaping would remove.
    return ControlCharacters.escape(LogRedaction.current().redact(event.getFormattedMessage()));
  }
}
