package dev.deckhand.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.ports.Checkout;
import dev.deckhand.commands.ports.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against real repositories that JGit creates in a temporary directory. */
class JGitCheckoutTest {
  private static final Instant FIRST = Instant.parse("2026-05-19T10:00:00Z");
  private static final Instant SECOND = Instant.parse("2026-05-20T10:00:00Z");

  @TempDir Path dir;
  private Path work;
  private RevCommit first;
  private RevCommit second;
  private final JGitCheckout checkout = new JGitCheckout();

  /** A work-tree repository: v1.0.0 (annotated tag) on the first commit, main at the second. */
  @BeforeEach
  void repository() throws Exception {
    work = dir.resolve("app");
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      write("Dockerfile", "FROM scratch\nCOPY hello.txt /\n");
      write("hello.txt", "hello v1\n");
      first = commit(git, "first", FIRST);
      git.tag().setName("v1.0.0").setAnnotated(true).setMessage("v1").setObjectId(first).call();

      write("hello.txt", "hello v2\n");
      write("bin/run.sh", "#!/bin/sh\necho run\n");
      Files.setPosixFilePermissions(
          work.resolve("bin/run.sh"),
          java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      second = commit(git, "second", SECOND);
      git.branchCreate().setName("release").setStartPoint(first).call();
    }
  }

  @Test
  void checksOutABranchWithItsFilesAndExecBits() throws IOException {
    try (Checkout out = checkout.checkout(work, "main")) {
      assertThat(out.commit()).isEqualTo(second.name());
      assertThat(out.shortSha()).isEqualTo(second.name().substring(0, 7));
      assertThat(out.committed()).isEqualTo(SECOND);
      assertThat(out.directory()).isNotEqualTo(work);
      assertThat(read(out.directory().resolve("hello.txt"))).isEqualTo("hello v2\n");
      Path script = out.directory().resolve("bin/run.sh");
      assertThat(Files.getPosixFilePermissions(script)).contains(PosixFilePermission.OWNER_EXECUTE);
      assertThat(Files.getPosixFilePermissions(out.directory().resolve("hello.txt")))
          .doesNotContain(PosixFilePermission.OWNER_EXECUTE);
      assertThat(out.directory().resolve(".git")).doesNotExist();
    }
    try (Checkout out = checkout.checkout(work, "release")) {
      assertThat(out.commit()).isEqualTo(first.name());
    }
  }

  @Test
  void checksOutAnAnnotatedTagAsItsCommit() throws IOException {
    try (Checkout out = checkout.checkout(work, "v1.0.0")) {
      assertThat(out.commit()).isEqualTo(first.name());
      assertThat(out.committed()).isEqualTo(FIRST);
      assertThat(read(out.directory().resolve("hello.txt"))).isEqualTo("hello v1\n");
      assertThat(out.directory().resolve("bin")).doesNotExist();
    }
  }

  @Test
  void checksOutAShortAndAFullSha() {
    try (Checkout out = checkout.checkout(work, first.name().substring(0, 7).toUpperCase())) {
      assertThat(out.commit()).isEqualTo(first.name());
    }
    try (Checkout out = checkout.checkout(work, second.name())) {
      assertThat(out.commit()).isEqualTo(second.name());
    }
  }

  @Test
  void readsABareRepository() throws Exception {
    Path bare = dir.resolve("app.git");
    Git.cloneRepository()
        .setURI(work.toUri().toString())
        .setDirectory(bare.toFile())
        .setBare(true)
        .call()
        .close();
    try (Checkout out = checkout.checkout(bare, "v1.0.0")) {
      assertThat(out.commit()).isEqualTo(first.name());
      assertThat(read(out.directory().resolve("Dockerfile"))).startsWith("FROM scratch");
    }
  }

  @Test
  void writesASymbolicLinkAsAFileHoldingItsTarget() throws Exception {
    try (Git git = Git.open(work.toFile())) {
      Files.createSymbolicLink(work.resolve("escape"), Path.of("/etc/passwd"));
      commit(git, "a link", SECOND.plusSeconds(60));
    }
    try (Checkout out = checkout.checkout(work, "main")) {
      Path link = out.directory().resolve("escape");
      assertThat(Files.isSymbolicLink(link)).isFalse();
      assertThat(read(link)).isEqualTo("/etc/passwd");
    }
  }

  @Test
  void anUnknownRefNamesTheNewestTagsAndBranches() {
    assertThatThrownBy(() -> checkout.checkout(work, "v9.9.9"))
        .isInstanceOf(SourceException.class)
        .hasMessage(
            "no branch, tag or commit 'v9.9.9' in "
                + work
                + "; the newest tags are v1.0.0; branches: main, release");
    assertThatThrownBy(() -> checkout.checkout(work, "deadbeef"))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("no branch, tag or commit 'deadbeef' in ");
    assertThatThrownBy(() -> checkout.checkout(work, "main~1"))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("no branch, tag or commit 'main~1' in ");
  }

  @Test
  void aMissingRepositorySaysSo() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> checkout.checkout(missing, "main"))
        .isInstanceOf(SourceException.class)
        .hasMessage("no git repository at " + missing + ": the directory does not exist");
    assertThatThrownBy(() -> checkout.checkout(dir.resolve("app/bin"), "main"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("no git repository at");
  }

  @Test
  void anAmbiguousAbbreviationCountsItsCommits() throws Exception {
    // Commits on an empty tree with fixed times are deterministic; among a few thousand, two share
    // their first four hex digits (the birthday bound is about 300).
    Path many = dir.resolve("many.git");
    String prefix = null;
    try (Repository repo =
            Git.init().setBare(true).setDirectory(many.toFile()).call().getRepository();
        ObjectInserter inserter = repo.newObjectInserter()) {
      ObjectId tree = inserter.insert(new TreeFormatter());
      Map<String, ObjectId> seen = new HashMap<>();
      PersonIdent who =
          new PersonIdent("Deckhand", "bot@deckhand.dev", FIRST, java.time.ZoneOffset.UTC);
      for (int i = 0; i < 5000 && prefix == null; i++) {
        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(tree);
        commit.setAuthor(who);
        commit.setCommitter(who);
        commit.setMessage("commit " + i + "\n");
        ObjectId id = inserter.insert(commit);
        String four = id.name().substring(0, 4);
        if (seen.putIfAbsent(four, id) != null) {
          prefix = four;
        }
      }
      inserter.flush();
    }
    assertThat(prefix).as("two commits sharing 4 hex digits").isNotNull();
    String shared = prefix;
    assertThatThrownBy(() -> checkout.checkout(many, shared))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("'" + shared + "' is ambiguous in " + many + ": ")
        .hasMessageContaining(" commits start with it; type more characters of the commit id");
  }

  @Test
  void closingDeletesTheDirectoryAndMayBeRepeated() {
    Checkout out = checkout.checkout(work, "main");
    Path tree = out.directory();
    assertThat(tree.resolve("bin/run.sh")).exists();
    out.close();
    assertThat(tree).doesNotExist();
    out.close();
    assertThat(work.resolve("hello.txt")).exists();
  }

  private void write(String path, String content) throws IOException {
    Path file = work.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static RevCommit commit(Git git, String message, Instant when) throws Exception {
    git.add().addFilepattern(".").call();
    PersonIdent who =
        new PersonIdent("Deckhand", "bot@deckhand.dev", when, java.time.ZoneOffset.UTC);
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
  }
}
