package dev.deckhand.bot;

import dev.deckhand.commands.operation.OperationState;

/**
 * One deploy the crash-injection test runs again and again, and how it must end.
 *
 * @param name as printed
 * @param environment where it deploys
 * @param tag the tag asked for
 * @param approval whether someone else must approve it (then bob does, with a ✅)
 * @param expected the operation's final state
 * @param expectedTag the tag the cluster must run at the end
 * @param rollsBack whether the deploy fails and must be rolled back (once); otherwise nothing may
 *     be undone
 */
record CrashScenario(
    String name,
    String environment,
    String tag,
    boolean approval,
    OperationState expected,
    String expectedTag,
    boolean rollsBack) {

  /** The command alice types. */
  String command() {
    return "/deploy gateway "
        + tag
        + (environment.equals("staging") ? "" : " --env " + environment);
  }
}
