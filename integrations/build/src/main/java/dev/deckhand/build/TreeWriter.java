package dev.deckhand.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a git tree into a directory, as git does with {@code core.symlinks=false}. */
final class TreeWriter {
  private static final Logger LOG = LoggerFactory.getLogger(TreeWriter.class);

  private final Repository repo;
  private final Path root;

  TreeWriter(Repository repo, Path root) {
    this.repo = repo;
    this.root = root;
  }

  void write(ObjectId tree) throws IOException {
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(tree);
      walk.setRecursive(false);
      while (walk.next()) {
        String path = walk.getPathString();
        if (hasGitComponent(path)) {
          continue;
        }
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
          throw new IOException("tree entry '" + path + "' leaves the checkout");
        }
        FileMode mode = walk.getFileMode(0);
        if (mode == FileMode.TREE) {
          Files.createDirectories(target);
          walk.enterSubtree();
        } else if (mode == FileMode.GITLINK) {
          Files.createDirectories(target);
        } else {
          // Regular, executable, or a symbolic link written as a file holding its target.
          try (OutputStream out = Files.newOutputStream(target)) {
            repo.open(walk.getObjectId(0)).copyTo(out);
          }
          if (mode == FileMode.EXECUTABLE_FILE) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    }
  }

  private static boolean hasGitComponent(String path) {
    for (String part : path.split("/")) {
      if (part.toLowerCase(Locale.ROOT).equals(".git")) {
        return true;
      }
    }
    return false;
  }

  /** Deletes {@code directory} and all below it; idempotent; failures are logged, not thrown. */
  static void delete(Path directory) {
    try {
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // Already gone: closing twice is fine.
    } catch (IOException e) {
      LOG.warn("could not delete the checkout {}: {}", directory, e.toString());
    }
  }
}
