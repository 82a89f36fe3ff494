package dev.deckhand.commands.ports;

/** Where a build's progress goes while it runs. Implementations must not block. */
public interface BuildLog {

  /** A build step started, as the engine names it ({@code Step 3/7 : COPY app /app}). */
  void step(String step);

  /** One line of output, without its line end. */
  void line(String line);
}
