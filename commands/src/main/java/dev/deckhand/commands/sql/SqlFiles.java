package dev.deckhand.commands.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The SQL migration files of a directory: the regular files ending in {@code .sql}, in name order
 * with numbers compared as numbers ({@code V2__b.sql} before {@code V10__c.sql}), each with the
 * SHA-256 of its content. Subdirectories are not read. Stateless.
 */
public final class SqlFiles {
  /** One file and the SHA-256 of its content, in hex. */
  public record File(String name, String sha256) {}

  /** Name order, numbers compared as numbers. */
  public static final Comparator<String> ORDER = SqlFiles::compareNatural;

  private SqlFiles() {}

  /**
   * The files of {@code dir}, in order.
   *
   * @throws UncheckedIOException when the directory cannot be read
   */
  public static List<File> list(Path dir) {
    List<File> files = new ArrayList<>();
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p :
          entries
              .filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".sql"))
              .sorted(Comparator.comparing(p -> p.getFileName().toString(), ORDER))
              .toList()) {
        files.add(new File(p.getFileName().toString(), sha256(Files.readAllBytes(p))));
      }
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("the directory " + dir + " does not exist", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    return files;
  }

  /** The content of one file. */
  public static byte[] read(Path dir, String name) {
    try {
      return Files.readAllBytes(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(name) + ": " + e, e);
    }
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The SQL of a file as streamed to psql: its text, then the line that makes psql quit. */
  public static byte[] stdin(byte[] content) {
    return (new String(content, StandardCharsets.UTF_8) + Psql.QUIT)
        .getBytes(StandardCharsets.UTF_8);
  }

  private static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int ie = i;
        while (ie < a.length() && Character.isDigit(a.charAt(ie))) {
          ie++;
        }
        int je = j;
        while (je < b.length() && Character.isDigit(b.charAt(je))) {
          je++;
        }
        java.math.BigInteger n = new java.math.BigInteger(a.substring(i, ie));
        java.math.BigInteger m = new java.math.BigInteger(b.substring(j, je));
        int c = n.compareTo(m);
        if (c != 0) {
          return c;
        }
        i = ie;
        j = je;
      } else {
        if (x != y) {
          return Character.compare(x, y);
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
