package dev.deckhand.bot;

/** Starts Deckhand: {@code deckhand demo [--config FILE]} or {@code deckhand run --config FILE}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = new Cli(System.getenv(), System.in, System.out, System.err).run(args);
    System.exit(code);
  }
}
