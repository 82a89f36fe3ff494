package dev.deckhand.commands.sql;

import dev.deckhand.commands.catalog.DatabaseSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code psql} command lines Deckhand execs (argv form, never a shell), and the bounding of
 * what it answers. Pure.
 */
public final class Psql {
  /** The most result rows posted of a {@code /sql}. */
  public static final int MAX_ROWS = 50;

  /** The most characters posted of a {@code /sql}'s result or of psql's errors. */
  public static final int MAX_CHARS = 3000;

  /**
   * The line that ends the SQL streamed on stdin: the exec protocol cannot close stdin, so psql is
   * told to quit.
   */
  public static final String QUIT = "\n\\q\n";

  private Psql() {}

  /**
   * {@code psql -v ON_ERROR_STOP=1 -X -q -d <db> -U <user> [-c <statement>]}: stops at the first
   * error (exit code 3), reads no {@code .psqlrc}; without a statement it reads SQL from stdin.
   */
  public static List<String> argv(DatabaseSpec db, String statement) {
    return argv(db.database(), db.user(), statement);
  }

  /** The same, from the database's and user's names. */
  public static List<String> argv(String database, String user, String statement) {
    List<String> argv =
        new ArrayList<>(
            List.of("psql", "-v", "ON_ERROR_STOP=1", "-X", "-q", "-d", database, "-U", user));
    if (statement != null) {
      argv.add("-c");
      argv.add(statement);
    }
    return argv;
  }

  /**
   * psql's aligned output, bounded: the header and at most {@link #MAX_ROWS} rows and {@link
   * #MAX_CHARS} characters, with a last line saying how many rows were cut.
   */
  public static List<String> bounded(String output) {
    List<String> lines = new ArrayList<>(List.of(output.strip().split("\n", -1)));
    if (lines.size() == 1 && lines.get(0).isEmpty()) {
      return List.of();
    }
    String footer = "";
    if (!lines.isEmpty() && lines.get(lines.size() - 1).matches("\\(\\d+ rows?\\)")) {
      footer = lines.remove(lines.size() - 1);
    }
    int header = lines.size() >= 2 && lines.get(1).matches("[-+]+") ? 2 : 0;
    List<String> kept = new ArrayList<>(lines.subList(0, Math.min(lines.size(), header)));
    int chars = kept.stream().mapToInt(l -> l.length() + 1).sum();
    int rows = lines.size() - header;
    int shown = 0;
    for (String line : lines.subList(header, lines.size())) {
      if (shown == MAX_ROWS || chars + line.length() + 1 > MAX_CHARS) {
        break;
      }
      kept.add(line);
      chars += line.length() + 1;
      shown++;
    }
    if (shown < rows) {
      kept.add(
          "… "
              + (rows - shown)
              + " more "
              + (rows - shown == 1 ? "line" : "lines")
              + " not shown ("
              + shown
              + " of "
              + rows
              + " shown)");
    }
    if (!footer.isEmpty()) {
      kept.add(footer);
    }
    return kept;
  }

  /** psql's error output, at most {@link #MAX_CHARS} characters. */
  public static String errors(String stderr) {
    String s = stderr.strip();
    return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) + " …" : s;
  }
}
