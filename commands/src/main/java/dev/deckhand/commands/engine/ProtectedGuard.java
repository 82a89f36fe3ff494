package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.parse.UsageException;

/**
 * Refuses every change to a protected environment: until approvals exist, nothing reaches
 * production unapproved. Dry runs and read-only commands are not changes.
 */
public final class ProtectedGuard {

  public void check(EnvironmentSpec environment, String action) {
    if (environment.isProtected()) {
      throw new UsageException(
          environment.name()
              + " is protected and approvals are not available yet, so nothing runs there",
          "see the plan with /" + action + " ... --env " + environment.name() + " --dry-run");
    }
  }
}
