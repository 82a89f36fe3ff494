package dev.deckhand.commands.catalog;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One environment.
 *
 * @param name its name
 * @param cluster the cluster it lives in
 * @param isProtected production-like: must be named explicitly, refuses {@code latest}, and changes
 *     need approval (by {@code approvals}, at least one approver when none is configured)
 * @param autoRollback whether a failed deploy is rolled back automatically
 * @param channels the chat channels bound to it (empty: any channel)
 * @param approvals who must approve changes here ({@link ApprovalPolicy#NONE} for nobody)
 * @param freezes configured weekly freeze windows
 * @param lockAfterRollback whether a rollback leaves the service locked until {@code /unlock}
 * @param zone the zone of the times shown to users (freeze ends, approval expiry)
 */
public record EnvironmentSpec(
    String name,
    String cluster,
    boolean isProtected,
    boolean autoRollback,
    List<String> channels,
    ApprovalPolicy approvals,
    List<FreezeWindow> freezes,
    boolean lockAfterRollback,
    ZoneId zone) {
  public EnvironmentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(approvals, "approvals");
    Objects.requireNonNull(zone, "zone");
    channels = List.copyOf(channels);
    freezes = List.copyOf(freezes);
  }

  /** An environment in the {@link #defaultZone} of its freezes. */
  public EnvironmentSpec(
      String name,
      String cluster,
      boolean isProtected,
      boolean autoRollback,
      List<String> channels,
      ApprovalPolicy approvals,
      List<FreezeWindow> freezes,
      boolean lockAfterRollback) {
    this(
        name,
        cluster,
        isProtected,
        autoRollback,
        channels,
        approvals,
        freezes,
        lockAfterRollback,
        defaultZone(freezes));
  }

  /** The zone of the first freeze window, else UTC. */
  public static ZoneId defaultZone(List<FreezeWindow> freezes) {
    return freezes.isEmpty() ? ZoneId.of("UTC") : freezes.get(0).zone();
  }

  /** An environment without approvals, freezes or post-rollback lock. */
  public EnvironmentSpec(
      String name,
      String cluster,
      boolean isProtected,
      boolean autoRollback,
      List<String> channels) {
    this(
        name,
        cluster,
        isProtected,
        autoRollback,
        channels,
        isProtected ? ApprovalPolicy.ONE_OTHER_PERSON : ApprovalPolicy.NONE,
        List.of(),
        isProtected);
  }

  /** True when the action needs approvals here. */
  public boolean needsApproval(String action) {
    return approvals.count() > 0 && !approvals.exempt().contains(action);
  }
}
