package dev.deckhand.commands.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements the way {@code psql} does for the cases that matter here: at
 * semicolons outside single- and double-quoted strings, dollar-quoted bodies ({@code $$ … $$},
 * {@code $tag$ … $tag$}), {@code --} line comments and {@code /* … *&#47;} block comments.
 * Statements that are only whitespace and comments are dropped. Pure.
 */
public final class SqlStatements {
  private SqlStatements() {}

  /** The statements of {@code sql}, trimmed, without their terminating semicolons. */
  public static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean meaningful = false;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        current.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        current.append(sql, i, end);
        i = end;
      } else if (c == '\'' || c == '"') {
        int end = closingQuote(sql, i, c);
        current.append(sql, i, end);
        meaningful = true;
        i = end;
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        int end = close < 0 ? n : close + tag.length();
        current.append(sql, i, end);
        meaningful = true;
        i = end;
      } else if (c == ';') {
        if (meaningful) {
          out.add(current.toString().strip());
        }
        current.setLength(0);
        meaningful = false;
        i++;
      } else {
        if (!Character.isWhitespace(c)) {
          meaningful = true;
        }
        current.append(c);
        i++;
      }
    }
    if (meaningful) {
      out.add(current.toString().strip());
    }
    return out;
  }

  /** The index after the quote closing the one at {@code start} (a doubled quote escapes it). */
  private static int closingQuote(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /** The dollar-quote tag starting at {@code start} ({@code $$}, {@code $body$}), or null. */
  private static String dollarTag(String sql, int start) {
    int i = start + 1;
    while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
      i++;
    }
    if (i < sql.length() && sql.charAt(i) == '$') {
      String tag = sql.substring(start, i + 1);
      // $1 is a parameter, not a tag
      return tag.length() > 2 && Character.isDigit(tag.charAt(1)) ? null : tag;
    }
    return null;
  }
}
