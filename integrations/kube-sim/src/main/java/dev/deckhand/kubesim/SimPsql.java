package dev.deckhand.kubesim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@code psql} of kube-sim's exec: parses psql's argv, runs the SQL of {@code -c} or of stdin
 * (up to a {@code \q} line), records every statement it receives, answers a {@code SELECT} with a
 * small fixed table in psql's aligned output (or unaligned with {@code -A}, fields separated by
 * {@code -F}, {@code |} by default), and fails like psql with {@code ON_ERROR_STOP=1} (exit code 3,
 * {@code ERROR: …} on stderr, the statements after it not run) at a statement containing {@code
 * FAIL_ME}. Any other program is not found (exit code 127). Thread-safe.
 */
public final class SimPsql {

  /**
   * One statement psql received.
   *
   * @param namespace the pod's namespace
   * @param pod the pod it ran in
   * @param database {@code -d}
   * @param user {@code -U}
   * @param sql the statement, trimmed, without its semicolon
   * @param failed whether it was the failing one
   */
  public record Statement(
      String namespace, String pod, String database, String user, String sql, boolean failed) {}

  /** What a program answered. */
  record Answer(int exitCode, String stdout, String stderr) {}

  private static final List<List<String>> TABLE =
      List.of(
          List.of("id", "name", "plan"),
          List.of("1", "alice", "pro"),
          List.of("2", "bob", "free"),
          List.of("3", "carol", "pro"));

  private final List<Statement> statements = new CopyOnWriteArrayList<>();

  /** Every statement received, in order. */
  public List<Statement> statements() {
    return List.copyOf(statements);
  }

  /** Whether {@code argv} reads its SQL from stdin (psql without {@code -c}). */
  static boolean readsStdin(List<String> argv) {
    return !argv.isEmpty() && "psql".equals(argv.get(0)) && !argv.contains("-c");
  }

  /** Runs {@code argv} in the pod with {@code stdin} (ignored with {@code -c}). */
  Answer run(String namespace, String pod, List<String> argv, String stdin) {
    if (argv.isEmpty() || !"psql".equals(argv.get(0))) {
      String program = argv.isEmpty() ? "" : argv.get(0);
      return new Answer(127, "", program + ": command not found\n");
    }
    String database = "postgres";
    String user = "postgres";
    String command = null;
    boolean unaligned = false;
    String separator = "|";
    boolean stopOnError = false;
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      String next = i + 1 < argv.size() ? argv.get(i + 1) : null;
      switch (a) {
        case "-d" -> database = argv.get(++i);
        case "-U" -> user = argv.get(++i);
        case "-c" -> command = argv.get(++i);
        case "-F" -> separator = argv.get(++i);
        case "-v" -> stopOnError |= "ON_ERROR_STOP=1".equals(argv.get(++i));
        case "-A" -> unaligned = true;
        case "-X", "-q", "-t", "-1" -> {}
        default -> {
          if (next == null || a.startsWith("-")) {
            return new Answer(
                1, "", "psql: error: unknown option \"" + a + "\"\nTry \"psql --help\".\n");
          }
          return new Answer(1, "", "psql: error: unexpected argument \"" + a + "\"\n");
        }
      }
    }
    String sql = command != null ? command : beforeQuit(stdin);
    String where = command != null ? "" : "psql:<stdin>:";
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int line = 1;
    for (String s : split(sql)) {
      boolean fail = s.contains("FAIL_ME");
      statements.add(new Statement(namespace, pod, database, user, s, fail));
      if (fail) {
        err.append(where.isEmpty() ? "" : where + line + ": ")
            .append("ERROR:  relation \"FAIL_ME\" does not exist\n");
        if (stopOnError) {
          return new Answer(3, out.toString(), err.toString());
        }
      } else if (s.regionMatches(true, 0, "SELECT", 0, 6)) {
        out.append(unaligned ? unaligned(separator) : aligned());
      }
      line++;
    }
    return new Answer(0, out.toString(), err.toString());
  }

  /** The SQL before a {@code \q} line (psql quits there), or all of it. */
  static String beforeQuit(String stdin) {
    int at = quitAt(stdin);
    return at < 0 ? stdin : stdin.substring(0, at);
  }

  /** Where the {@code \q} line starts, or -1. */
  static int quitAt(String stdin) {
    int from = 0;
    for (String line : stdin.split("\n", -1)) {
      if (line.strip().equals("\\q")) {
        return from;
      }
      from += line.length() + 1;
    }
    return -1;
  }

  private static String aligned() {
    int[] widths = new int[TABLE.get(0).size()];
    for (List<String> row : TABLE) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (int r = 0; r < TABLE.size(); r++) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < widths.length; i++) {
        String v = TABLE.get(r).get(i);
        cells.add(" " + v + " ".repeat(widths[i] - v.length() + 1));
      }
      b.append(String.join("|", cells).stripTrailing()).append('\n');
      if (r == 0) {
        List<String> dashes = new ArrayList<>();
        for (int w : widths) {
          dashes.add("-".repeat(w + 2));
        }
        b.append(String.join("+", dashes)).append('\n');
      }
    }
    return b.append("(").append(TABLE.size() - 1).append(" rows)\n").toString();
  }

  private static String unaligned(String separator) {
    StringBuilder b = new StringBuilder();
    for (List<String> row : TABLE) {
      b.append(String.join(separator, row)).append('\n');
    }
    return b.append("(").append(TABLE.size() - 1).append(" rows)\n").toString();
  }

  /** Splits at semicolons outside single quotes and comments; enough for scripted SQL. */
  static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (!quoted && c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end;
        cur.append('\n');
        continue;
      }
      if (c == '\'') {
        quoted = !quoted;
      }
      if (c == ';' && !quoted) {
        add(out, cur);
      } else {
        cur.append(c);
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().strip();
    if (!s.isEmpty()) {
      out.add(s);
    }
    cur.setLength(0);
  }
}
