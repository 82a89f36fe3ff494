package dev.deckhand.bot;

/** Starts Deckhand: {@code deckhand demo [--config FILE]} or {@code deckhand run --config FILE}. */
public final class Main {
  static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  private Main() {}

  public static void main(String[] args) {
    reusedAsyncThreads();
    int code = new Cli(System.getenv(), System.in, System.out, System.err).run(args);
    System.exit(code);
  }

  /**
   * On one or two CPUs the common pool's parallelism is 1, and then {@code CompletableFuture} runs
   * each async step that names no executor on a new thread of its own. The JDK HTTP client
   * completes every {@code sendAsync} that way, and fabric8 sends all its requests so: 200 rollouts
   * at once started about a hundred threads a second, each living a few milliseconds. With a
   * parallelism of 2 those steps run on the common pool's (at most two) reused workers. Set before
   * anything uses the pool; an explicit {@code -D} setting wins.
   */
  private static void reusedAsyncThreads() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null
        && java.lang.Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(COMMON_POOL_PARALLELISM, "2");
    }
  }
}
