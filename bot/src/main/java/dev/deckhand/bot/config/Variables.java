package dev.deckhand.bot.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${name}} in scalar values from the variables the caller passes (demo mode passes
 * the simulated registry and health URLs). {@code $${} writes a literal {@code ${}.
 */
final class Variables {
  private static final Pattern REFERENCE = Pattern.compile("\\$\\$\\{|\\$\\{([^}]*)}");

  private final Map<String, String> values;

  Variables(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /**
   * The text with every variable replaced, or empty after reporting each unknown variable to {@code
   * problems}.
   */
  Optional<String> expand(String text, Consumer<String> problems) {
    if (!text.contains("${")) {
      return Optional.of(text);
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    boolean ok = true;
    while (m.find()) {
      String replacement;
      if (m.group(1) == null) {
        replacement = "${";
      } else if (values.containsKey(m.group(1))) {
        replacement = values.get(m.group(1));
      } else {
        problems.accept(unknown(m.group(1)));
        ok = false;
        replacement = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return ok ? Optional.of(out.toString()) : Optional.empty();
  }

  private String unknown(String name) {
    String reference = "${" + name + "}";
    if (values.isEmpty()) {
      return reference
          + " is not defined: no variables are defined here"
          + " (the ${sim.*} variables exist only in demo mode, `deckhand demo`)";
    }
    StringBuilder defined = new StringBuilder();
    for (String known : new TreeSet<>(values.keySet())) {
      defined.append(defined.length() == 0 ? "" : ", ").append("${").append(known).append('}');
    }
    return reference + " is not defined; the defined variables are: " + defined;
  }
}
