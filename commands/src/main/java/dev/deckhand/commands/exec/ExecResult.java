package dev.deckhand.commands.exec;

import java.util.Objects;

/**
 * How an exec ended: its exit code and what it wrote, each cut at {@link #LIMIT} characters.
 *
 * @param exitCode the program's exit code (0 for success)
 * @param stdout its standard output, at most {@link #LIMIT} characters
 * @param stderr its standard error, at most {@link #LIMIT} characters
 * @param truncated whether either output was cut
 */
public record ExecResult(int exitCode, String stdout, String stderr, boolean truncated) {
  /** The most characters kept of each output. */
  public static final int LIMIT = 256 * 1024;

  public ExecResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    truncated = truncated || stdout.length() > LIMIT || stderr.length() > LIMIT;
    stdout = cut(stdout);
    stderr = cut(stderr);
  }

  /** A result whose outputs are cut at {@link #LIMIT}. */
  public static ExecResult of(int exitCode, String stdout, String stderr) {
    return new ExecResult(exitCode, stdout, stderr, false);
  }

  public boolean succeeded() {
    return exitCode == 0;
  }

  private static String cut(String s) {
    return s.length() > LIMIT ? s.substring(0, LIMIT) : s;
  }
}
