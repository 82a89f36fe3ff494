package dev.deckhand.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The results of one run: a row per target (measured, target, baseline, verdict, what limits it)
 * and details per scenario, written as Markdown. {@link #updateDocs} replaces the generated block
 * of {@code docs/benchmarks.md} between its markers and leaves the hand-written text alone.
 */
final class Report {
  static final String START = "<!-- bench:results:start -->";
  static final String END = "<!-- bench:results:end -->";

  enum Verdict {
    MET("met"),
    MISSED("**missed**"),
    NOT_MEASURED("not measured"),
    /** No target for this figure in this scenario; shown to compare with one that has. */
    INFO("for comparison");

    final String text;

    Verdict(String text) {
      this.text = text;
    }
  }

  record Row(
      String id,
      String what,
      String measured,
      String target,
      String baseline,
      Verdict verdict,
      String note) {}

  private final List<Row> rows = new ArrayList<>();
  private final List<String> details = new ArrayList<>();
  private final List<String> header = new ArrayList<>();

  void header(String line) {
    header.add(line);
  }

  void row(Row row) {
    rows.add(row);
    System.out.printf(
        "%-4s %-44s %s | target %s | baseline %s | %s%n",
        row.id(), row.what(), row.measured(), row.target(), row.baseline(), row.verdict().text);
  }

  void detail(String line) {
    details.add(line);
    System.out.println("     " + line);
  }

  static Verdict verdict(boolean met) {
    return met ? Verdict.MET : Verdict.MISSED;
  }

  String markdown() {
    StringBuilder md = new StringBuilder();
    header.forEach(h -> md.append(h).append('\n'));
    md.append('\n')
        .append(
            "| # | scenario | Deckhand | target | baseline (same run) | verdict | what limits it |\n")
        .append("|---|---|---|---|---|---|---|\n");
    // By scenario (P1…P8), in the order measured within one: the run takes them in another order.
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(java.util.Comparator.comparing(Row::id));
    for (Row r : sorted) {
      md.append(
          String.format(
              "| %s | %s | %s | %s | %s | %s | %s |%n",
              r.id(),
              r.what(),
              r.measured(),
              r.target(),
              r.baseline(),
              r.verdict().text,
              r.note()));
    }
    md.append("\nDetails of this run:\n\n");
    details.forEach(d -> md.append("- ").append(d).append('\n'));
    return md.toString();
  }

  void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, markdown());
  }

  /** Replaces the block between the markers; false (nothing written) if the markers are absent. */
  boolean updateDocs(Path docs) throws IOException {
    if (!Files.isRegularFile(docs)) {
      return false;
    }
    String text = Files.readString(docs);
    int start = text.indexOf(START);
    int end = text.indexOf(END);
    if (start < 0 || end < start) {
      return false;
    }
    Files.writeString(
        docs, text.substring(0, start + START.length()) + "\n" + markdown() + text.substring(end));
    return true;
  }
}
