package dev.deckhand.bot.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One section's result: every name the file declares (so references to a declared but broken entry
 * are not reported twice) and the entries that could be built, in file order.
 */
record Declared<T>(Set<String> names, Map<String, T> valid) {
  Declared {
    names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    valid = Collections.unmodifiableMap(new LinkedHashMap<>(valid));
  }

  static <T> Declared<T> none() {
    return new Declared<>(Set.of(), Map.of());
  }
}
