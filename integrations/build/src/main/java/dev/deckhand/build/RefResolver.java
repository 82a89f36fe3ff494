package dev.deckhand.build;

import dev.deckhand.commands.ports.SourceException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;

/** Resolves what a person typed to one commit of a repository, or says what to type instead. */
final class RefResolver {
  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{4,40}");
  private static final int SUGGESTIONS = 5;

  private final Repository repo;
  private final Path where;

  RefResolver(Repository repo, Path where) {
    this.repo = repo;
    this.where = where;
  }

  RevCommit resolve(String ref) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      List<String> names =
          new ArrayList<>(List.of(Constants.R_HEADS + ref, Constants.R_TAGS + ref));
      if (ref.startsWith(Constants.R_REFS) || ref.equals(Constants.HEAD)) {
        names.add(ref);
      }
      for (String name : names) {
        Ref found = repo.exactRef(name);
        if (found != null && found.getObjectId() != null) {
          return commitOf(walk, found.getObjectId())
              .orElseThrow(
                  () -> new SourceException("'" + ref + "' in " + where + " names no commit"));
        }
      }
      if (HEX.matcher(ref).matches()) {
        return byId(walk, ref.toLowerCase(Locale.ROOT));
      }
      throw unknown(ref);
    }
  }

  private RevCommit byId(RevWalk walk, String hex) throws IOException {
    List<RevCommit> commits = new ArrayList<>();
    try (ObjectReader reader = repo.newObjectReader()) {
      Collection<ObjectId> candidates =
          hex.length() == Constants.OBJECT_ID_STRING_LENGTH
              ? List.of(ObjectId.fromString(hex))
              : reader.resolve(AbbreviatedObjectId.fromString(hex));
      for (ObjectId id : candidates) {
        commitOf(walk, id).ifPresent(commits::add);
      }
    }
    if (commits.isEmpty()) {
      throw unknown(hex);
    }
    if (commits.size() > 1) {
      throw new SourceException(
          "'"
              + hex
              + "' is ambiguous in "
              + where
              + ": "
              + commits.size()
              + " commits start with it; type more characters of the commit id");
    }
    return commits.get(0);
  }

  /** The commit {@code id} is or, for an annotated tag, points to; empty for trees and blobs. */
  private static Optional<RevCommit> commitOf(RevWalk walk, ObjectId id) throws IOException {
    try {
      RevObject peeled = walk.peel(walk.parseAny(id));
      return peeled instanceof RevCommit commit
          ? Optional.of(walk.parseCommit(commit))
          : Optional.empty();
    } catch (MissingObjectException e) {
      // A full id that is not in the repository, or a shallow clone's missing history.
      return Optional.empty();
    }
  }

  private SourceException unknown(String ref) throws IOException {
    List<String> tags = newest(Constants.R_TAGS);
    List<String> branches = newest(Constants.R_HEADS);
    StringBuilder message =
        new StringBuilder("no branch, tag or commit '").append(ref).append("' in ").append(where);
    if (!tags.isEmpty()) {
      message.append("; the newest tags are ").append(String.join(", ", tags));
    }
    if (!branches.isEmpty()) {
      message.append("; branches: ").append(String.join(", ", branches));
    }
    if (tags.isEmpty() && branches.isEmpty()) {
      message.append("; it has no branches or tags yet");
    }
    return new SourceException(message.toString());
  }

  /** Up to {@link #SUGGESTIONS} short names under {@code prefix}, newest commit first. */
  private List<String> newest(String prefix) throws IOException {
    record Named(String name, int time) {}
    List<Named> named = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      for (Ref ref : repo.getRefDatabase().getRefsByPrefix(prefix)) {
        if (ref.getObjectId() == null) {
          continue;
        }
        commitOf(walk, ref.getObjectId())
            .ifPresent(
                c ->
                    named.add(
                        new Named(ref.getName().substring(prefix.length()), c.getCommitTime())));
      }
    }
    return named.stream()
        .sorted(Comparator.comparingInt(Named::time).reversed().thenComparing(Named::name))
        .limit(SUGGESTIONS)
        .map(Named::name)
        .toList();
  }
}
