package dev.deckhand.commands.catalog;

import dev.deckhand.commands.parse.UsageException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The release files of {@code release: {files: <dir>}}: one file per release, {@code
 * <dir>/<name>.yaml}, mapping each service the release moves to its tag (for images that are not
 * all tagged alike). {@code /deploy-all --release <name>} reads one when it is asked, so a file
 * written after the bot started is found.
 */
public interface ReleaseFiles {
  /** What a release's name may be: no path, nothing hidden. */
  Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  /** No {@code files:} in the catalog: every release file is refused, saying how to add one. */
  ReleaseFiles NONE =
      new ReleaseFiles() {
        @Override
        public Map<String, String> read(String name) {
          throw new UsageException(
              "this catalog has no release files",
              "add release: { files: <dir> } to the catalog, or give one tag: /deploy-all <tag>");
        }

        @Override
        public String describe(String name) {
          return name;
        }
      };

  /**
   * The services and tags of release {@code name}, in file order.
   *
   * @throws UsageException when the file is missing or wrong, naming the file and line and what to
   *     write instead
   */
  Map<String, String> read(String name);

  /** Where release {@code name} is read from, for messages ({@code releases/2026-12-05.yaml}). */
  String describe(String name);
}
