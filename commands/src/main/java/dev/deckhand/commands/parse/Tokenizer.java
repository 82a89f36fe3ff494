package dev.deckhand.commands.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words. Double, single and typographic quotes (which chat clients
 * substitute) group words; a backslash escapes the next character inside double quotes. Pure.
 */
public final class Tokenizer {
  private Tokenizer() {}

  public static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == closing(quote)) {
          quote = 0;
        } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
          word.append(line.charAt(++i));
        } else {
          word.append(c);
        }
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else if (c == '"' || c == '\'' || c == '“' || c == '‘') {
        quote = c;
        inWord = true;
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new UsageException(
          "a quote opened with " + quote + " is never closed",
          "close the quote, or leave quotes out if the value has no spaces");
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  private static char closing(char open) {
    return switch (open) {
      case '“' -> '”';
      case '‘' -> '’';
      default -> open;
    };
  }
}
