package dev.deckhand.build;

import dev.deckhand.commands.ports.Checkout;
import dev.deckhand.commands.ports.SourceCheckout;
import dev.deckhand.commands.ports.SourceException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * {@link SourceCheckout} on JGit: no {@code git} subprocess, no work tree of the repository
 * touched. The repository may be bare or not. Thread-safe (each call opens the repository on its
 * own).
 *
 * <p>A ref is, in this order: a branch ({@code refs/heads/…}), a tag ({@code refs/tags/…}, peeled
 * to its commit), a full ref name or {@code HEAD}, a full commit id, an abbreviated commit id of at
 * least 4 characters. Revision expressions ({@code main~2}, {@code @{1}}) are not evaluated.
 *
 * <p>The tree is written as git would with {@code core.symlinks=false}: regular and executable
 * files with their exec bit, a symbolic link as a small file holding its target (so a build context
 * never points outside its directory), a submodule as an empty directory. Paths with a {@code .git}
 * component are skipped, as git refuses them.
 */
public final class JGitCheckout implements SourceCheckout {

  @Override
  public Checkout checkout(Path repository, String ref) {
    if (ref == null || ref.isBlank()) {
      throw new SourceException("no ref given: name a branch, a tag or a commit of " + repository);
    }
    try (Git git = open(repository)) {
      Repository repo = git.getRepository();
      RevCommit commit = new RefResolver(repo, repository).resolve(ref.strip());
      Path directory = Files.createTempDirectory("deckhand-checkout-");
      try {
        new TreeWriter(repo, directory).write(commit.getTree());
      } catch (IOException | RuntimeException e) {
        TreeWriter.delete(directory);
        throw new SourceException(
            "cannot write commit " + commit.name() + " of " + repository + ": " + e.getMessage(),
            e);
      }
      return new Checkout(
          directory,
          commit.name(),
          Instant.ofEpochSecond(commit.getCommitTime()),
          () -> TreeWriter.delete(directory));
    } catch (IOException e) {
      throw new SourceException("cannot read the git repository " + repository + ": " + e, e);
    }
  }

  private static Git open(Path repository) {
    if (!Files.isDirectory(repository)) {
      throw new SourceException(
          "no git repository at " + repository + ": the directory does not exist");
    }
    try {
      return Git.open(repository.toFile());
    } catch (RepositoryNotFoundException e) {
      throw new SourceException(
          "no git repository at "
              + repository
              + ": it has neither a .git directory nor the layout of a bare repository",
          e);
    } catch (IOException | UncheckedIOException e) {
      throw new SourceException("cannot open the git repository " + repository + ": " + e, e);
    }
  }
}
