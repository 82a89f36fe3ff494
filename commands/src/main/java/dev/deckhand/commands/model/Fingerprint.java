package dev.deckhand.commands.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 fingerprints of values Deckhand must compare but never show or store (a Secret's value, a
 * ConfigMap's data). Pure and thread-safe.
 */
public final class Fingerprint {
  /** How many hex digits {@link #shown} shows. */
  public static final int SHORT = 12;

  private Fingerprint() {}

  /** The SHA-256 of the value's UTF-8 bytes, as 64 lower-case hex digits. */
  public static String of(String value) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * One fingerprint of a whole map, independent of its order: the keys sorted, each with its
   * value's length, so that no two different maps share the text hashed.
   */
  public static String ofMap(Map<String, String> data) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(data)
        .forEach(
            (k, v) ->
                text.append(k.length())
                    .append(':')
                    .append(k)
                    .append(v.length())
                    .append(':')
                    .append(v)
                    .append('\n'));
    return of(text.toString());
  }

  /** The first {@link #SHORT} hex digits, as shown to users ({@code sha256:1f2e3d4c5b6a}). */
  public static String shown(String fingerprint) {
    return "sha256:" + fingerprint.substring(0, Math.min(SHORT, fingerprint.length()));
  }
}
