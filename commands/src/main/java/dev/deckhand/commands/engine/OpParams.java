package dev.deckhand.commands.engine;

import dev.deckhand.commands.model.Target;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a deploy or rollback needs to run, or to resume after a restart, stored with the operation:
 * the target, the image asked for, what ran before, the plan's hash.
 *
 * @param summary what the live message's header says ({@code deploy gateway v1.2.3})
 * @param image the pinned image a deploy sets; empty for a rollback
 * @param toRevision the revision a rollback restores; 0 for a deploy
 * @param beforeImage the image running when the operation was planned
 * @param beforeRevision the revision running then (what an automatic rollback restores)
 * @param planHash the hash approvals are bound to
 * @param breakGlass the break-glass reason, empty if none
 */
record OpParams(
    String summary,
    String service,
    String environment,
    Target target,
    String image,
    long toRevision,
    String beforeImage,
    long beforeRevision,
    String planHash,
    String breakGlass) {

  Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("summary", summary);
    m.put("service", service);
    m.put("environment", environment);
    m.put("cluster", target.cluster());
    m.put("namespace", target.namespace());
    m.put("deployment", target.deployment());
    m.put("container", target.container());
    m.put("image", image);
    m.put("toRevision", Long.toString(toRevision));
    m.put("beforeImage", beforeImage);
    m.put("beforeRevision", Long.toString(beforeRevision));
    m.put("planHash", planHash);
    m.put("breakGlass", breakGlass);
    return m;
  }

  static OpParams of(Map<String, String> m) {
    return new OpParams(
        m.getOrDefault("summary", ""),
        m.get("service"),
        m.get("environment"),
        new Target(m.get("cluster"), m.get("namespace"), m.get("deployment"), m.get("container")),
        m.getOrDefault("image", ""),
        Long.parseLong(m.getOrDefault("toRevision", "0")),
        m.getOrDefault("beforeImage", ""),
        Long.parseLong(m.getOrDefault("beforeRevision", "0")),
        m.getOrDefault("planHash", ""),
        m.getOrDefault("breakGlass", ""));
  }

  OpParams withPlan(String newImage, String newBeforeImage, long newBeforeRevision, String hash) {
    return new OpParams(
        summary,
        service,
        environment,
        target,
        newImage,
        toRevision,
        newBeforeImage,
        newBeforeRevision,
        hash,
        breakGlass);
  }
}
