package dev.deckhand.commands.chat;

import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shapes of secrets the {@link Redactor} knows without being told their values, each with what
 * it keeps of a match (the scheme and user of a URL, the key of a {@code password=} pair, the word
 * {@code Bearer}). Applied in order: a PEM block first (it spans lines), pairs before bare tokens.
 * Every repetition that could start at many places in one long word is bounded, so a long line (a
 * log tail) costs time linear in its length. Immutable and thread-safe.
 */
final class SecretShapes {

  /** One shape and how a match of it is written after masking. */
  private record Shape(Pattern pattern, Function<MatchResult, String> masked) {
    String apply(String text) {
      return pattern.matcher(text).replaceAll(m -> Matcher.quoteReplacement(masked.apply(m)));
    }
  }

  /** Words that make {@code word=value}, {@code word: value} or {@code "word": "value"} secret. */
  private static final String SECRET_KEY =
      "[A-Za-z0-9_.-]{0,40}?(?:password|passwd|pwd|secret|token|api[_-]?key|apikey"
          + "|access[_-]?key|private[_-]?key|credentials?)[A-Za-z0-9_-]{0,40}";

  /** {@code secret-update:prod} is a grant action (and a command), not a secret. */
  private static final String NOT_A_GRANT = "(?!secret-update:)";

  private static final List<Shape> SHAPES =
      List.of(
          // PEM private keys, several lines; an unterminated one (a cut log tail) to the end.
          new Shape(
              Pattern.compile(
                  "-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----"
                      + "(?:[\\s\\S]*?-----END \\1PRIVATE KEY-----|[\\s\\S]*)"),
              m -> Redactor.MASK),
          // scheme://user:password@host: the password goes, scheme, user and host stay.
          new Shape(
              Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]{0,30}://[^\\s:/?#@]{0,200}):([^\\s/]+)@"),
              m -> m.group(1) + ":" + Redactor.MASK + "@"),
          // Authorization: Basic|Bearer|Token <credentials>
          new Shape(
              Pattern.compile(
                  "((?i:authorization)[\"']?[ \\t]*[:=][ \\t]*[\"']?(?i:basic|bearer|token)[ \\t]+)"
                      + "[A-Za-z0-9._~+/=-]+"),
              m -> m.group(1) + Redactor.MASK),
          new Shape(
              Pattern.compile("\\b((?i:bearer)\\s+)[A-Za-z0-9._~+/=-]{8,}"),
              m -> m.group(1) + Redactor.MASK),
          // password=…, DB_PASSWORD: …, "api_key": "…", token='…': the key stays.
          new Shape(
              Pattern.compile(
                  "(?i)(([\"']?)\\b"
                      + NOT_A_GRANT
                      + SECRET_KEY
                      + "\\2[ \\t]*[:=][ \\t]*)(\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s,;&\"'<>)}\\]]+)"),
              m -> m.group(1) + quoted(m.group(3))),
          whole("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"),
          whole("xox[abposr]-[A-Za-z0-9-]{8,}"),
          whole("xapp-[A-Za-z0-9-]{8,}"),
          whole("[MNO][A-Za-z0-9_-]{23,27}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,}"),
          whole("gh[pousr]_[A-Za-z0-9]{30,}"),
          whole("glpat-[A-Za-z0-9_-]{20,}"),
          // AWS access key ids, and secret keys: 40 base64 characters mixing upper and lower case
          // and digits, standing alone (a git revision is hex, a path has dots or dashes around).
          whole("\\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\\b"),
          whole(
              "(?<![A-Za-z0-9/+=._:-])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])"
                  + "(?=[A-Za-z0-9/+]{0,39}[0-9])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=._-])"));

  private SecretShapes() {}

  private static final Pattern SECRET_NAME = Pattern.compile("(?i)" + SECRET_KEY);

  /**
   * True when a key or variable name reads like a secret's ({@code DB_PASSWORD}, {@code token}).
   */
  static boolean secretName(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  /** The text with every shape masked. */
  static String mask(String text) {
    String out = text;
    for (Shape shape : SHAPES) {
      out = shape.apply(out);
    }
    return out;
  }

  private static Shape whole(String regex) {
    return new Shape(Pattern.compile(regex), m -> Redactor.MASK);
  }

  private static String quoted(String value) {
    char first = value.charAt(0);
    return first == '"' || first == '\'' ? first + Redactor.MASK + first : Redactor.MASK;
  }
}
