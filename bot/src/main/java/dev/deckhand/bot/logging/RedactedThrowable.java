package dev.deckhand.bot.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.CoreConstants;
import dev.deckhand.commands.chat.Redactor;

/**
 * {@code %redactedEx}: the stack trace with secrets masked; exception messages often quote URLs and
 * headers, and sometimes text from chat, so each message also has its control characters escaped:
 * only the trace's own frames start new lines. Being a throwable converter, it also stops Logback
 * from appending the raw trace.
 */
public final class RedactedThrowable extends ThrowableProxyConverter {
  @Override
  public String convert(ILoggingEvent event) {
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown == null) {
      return CoreConstants.EMPTY_STRING;
    }
    Redactor redactor = LogRedaction.current();
    return redactor.redact(throwableProxyToString(new Escaped(thrown, redactor)));
  }

  /** The throwable with its message, its causes' and its suppressed ones' redacted and escaped. */
  private record Escaped(IThrowableProxy inner, Redactor redactor) implements IThrowableProxy {
    @Override
    public String getMessage() {
      return ControlCharacters.escape(redactor.redact(inner.getMessage()));
    }

    @Override
    public String getClassName() {
      return inner.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
      return inner.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
      return inner.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
      return inner.getCause() == null ? null : new Escaped(inner.getCause(), redactor);
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
      IThrowableProxy[] suppressed = inner.getSuppressed();
      if (suppressed == null) {
        return null;
      }
      IThrowableProxy[] out = new IThrowableProxy[suppressed.length];
      for (int i = 0; i < suppressed.length; i++) {
        out[i] = new Escaped(suppressed[i], redactor);
      }
      return out;
    }

    @Override
    public boolean isCyclic() {
      return inner.isCyclic();
    }
  }
}
