package dev.deckhand.commands.engine;

import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.model.Target;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A plan as stored fields (the store keeps them as one JSON object): the engine's fields, the
 * kind's parameters beside them under names of its own, and {@code v}, the version the kind wrote.
 * Also the plan hash approvals are bound to. Pure.
 */
final class PlanCodec {
  /** The field holding the break-glass reason, text someone typed (redacted before storage). */
  static final String BREAK_GLASS = "breakGlass";

  /** The engine's field names; a kind's parameters use others. */
  static final Set<String> RESERVED =
      Set.of(
          "v",
          "summary",
          "service",
          "environment",
          "cluster",
          "namespace",
          "deployment",
          "container",
          "planHash",
          BREAK_GLASS,
          QuorumPolicy.REQUESTER_GROUPS);

  private PlanCodec() {}

  static <P> Map<String, String> write(OperationKind<?, P> kind, Plan<P> plan) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("v", Integer.toString(kind.version()));
    m.put("summary", plan.summary());
    m.put("service", plan.service());
    m.put("environment", plan.environment());
    m.put("cluster", plan.target().cluster());
    m.put("namespace", plan.target().namespace());
    m.put("deployment", plan.target().deployment());
    m.put("container", plan.target().container());
    m.put("planHash", plan.hash());
    m.put(BREAK_GLASS, plan.breakGlass());
    kind.write(plan.params())
        .forEach(
            (k, v) -> {
              if (RESERVED.contains(k)) {
                throw new IllegalStateException(kind.name() + " writes the engine's field " + k);
              }
              m.put(k, v);
            });
    return m;
  }

  /** Reads a stored plan; rows written before versions were stored count as version 1. */
  static <P> Plan<P> read(OperationKind<?, P> kind, Map<String, String> m) {
    int version = Integer.parseInt(m.getOrDefault("v", "1"));
    return new Plan<>(
        kind.name(),
        m.getOrDefault("summary", ""),
        m.get("service"),
        m.get("environment"),
        new Target(m.get("cluster"), m.get("namespace"), m.get("deployment"), m.get("container")),
        m.getOrDefault(BREAK_GLASS, ""),
        m.getOrDefault("planHash", ""),
        kind.read(version, m));
  }

  /** The plan with its hash computed. */
  static <P> Plan<P> hashed(OperationKind<?, P> kind, Plan<P> plan) {
    return plan.with(plan.params(), hash(kind, plan));
  }

  /**
   * SHA-256 over the summary, service, environment, target and the kind's canonical text (for a
   * deploy the same text as before kinds existed, so requests pending across an upgrade stay
   * valid).
   */
  static <P> String hash(OperationKind<?, P> kind, Plan<P> plan) {
    String canonical =
        String.join(
            "\n",
            plan.summary(),
            plan.service(),
            plan.environment(),
            plan.target().toString(),
            kind.canonical(plan.params()));
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
