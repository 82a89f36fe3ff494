package dev.deckhand.commands.kinds.config;

import dev.deckhand.commands.chat.Redactor;
import dev.deckhand.commands.model.Fingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The keys a ConfigMap's new data adds, changes and removes, as one line users read: values of
 * secret-looking keys (and values shaped like tokens) only as short fingerprints, never as text.
 * The line avoids the {@code KEY: value} shape for those keys, so the redactor leaves the
 * fingerprints readable. Immutable.
 *
 * @param added keys only in the new data
 * @param changed keys in both with different values
 * @param removed keys only in the live data
 * @param line what users read
 */
record KeyDiff(List<String> added, List<String> changed, List<String> removed, String line) {
  private static final int LONGEST_VALUE = 60;

  static KeyDiff of(Map<String, String> live, Map<String, String> next) {
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(live.keySet());
    keys.addAll(next.keySet());
    for (String key : keys) {
      String before = live.get(key);
      String after = next.get(key);
      if (before == null) {
        added.add(key);
        parts.add("+ " + shown(key, after));
      } else if (after == null) {
        removed.add(key);
        parts.add("− " + key);
      } else if (!Objects.equals(before, after)) {
        changed.add(key);
        parts.add("~ " + change(key, before, after));
      }
    }
    String counts =
        added.size() + " added, " + changed.size() + " changed, " + removed.size() + " removed";
    return new KeyDiff(
        added,
        changed,
        removed,
        parts.isEmpty() ? counts : counts + ": " + String.join("; ", parts));
  }

  boolean isEmpty() {
    return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
  }

  /** {@code KEY (sha256:… → sha256:…)}: how a changed secret value is shown. */
  static String hashedChange(String key, String beforeFingerprint, String afterFingerprint) {
    return key
        + " ("
        + (beforeFingerprint.isEmpty() ? "new" : Fingerprint.shown(beforeFingerprint))
        + " → "
        + Fingerprint.shown(afterFingerprint)
        + ")";
  }

  private static String shown(String key, String value) {
    if (Redactor.looksSecret(key, value)) {
      return key + " (" + Fingerprint.shown(Fingerprint.of(value)) + ")";
    }
    return key + "=" + quoted(value);
  }

  private static String change(String key, String before, String after) {
    if (Redactor.looksSecret(key, before) || Redactor.looksSecret(key, after)) {
      return hashedChange(key, Fingerprint.of(before), Fingerprint.of(after));
    }
    return key + ": " + quoted(before) + " → " + quoted(after);
  }

  private static String quoted(String value) {
    String one = value.replace("\n", "\\n");
    if (one.length() > LONGEST_VALUE) {
      one = one.substring(0, LONGEST_VALUE - 1) + "…";
    }
    return one.isEmpty() || one.contains(" ") || one.contains(";") ? "\"" + one + "\"" : one;
  }
}
