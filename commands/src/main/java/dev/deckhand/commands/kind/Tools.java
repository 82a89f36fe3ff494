package dev.deckhand.commands.kind;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.engine.Migrations;
import dev.deckhand.commands.engine.Rollouts;
import dev.deckhand.commands.engine.Verifier;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ImageRegistry;
import java.time.Clock;

/**
 * What a kind may use, handed to its factory once: the catalog, the world's ports, and the engine's
 * shared rollout, health-check and migration-Job steps (which stream progress and never hold a
 * thread while they wait), the timeline of what ran (read by {@code /rollback-all}). Kinds that
 * need another port get it added here.
 */
public record Tools(
    Catalog catalog,
    Cluster cluster,
    ImageRegistry registry,
    Rollouts rollouts,
    Verifier verifier,
    Migrations migrations,
    Clock clock,
    dev.deckhand.commands.ports.SqlLedger sqlLedger,
    dev.deckhand.commands.engine.HookRunner hooks,
    dev.deckhand.commands.ports.Timeline timeline) {

  /** Tools without the timeline (it reads as empty; {@code /rollback-all} then finds nothing). */
  public Tools(
      Catalog catalog,
      Cluster cluster,
      ImageRegistry registry,
      Rollouts rollouts,
      Verifier verifier,
      Migrations migrations,
      Clock clock,
      dev.deckhand.commands.ports.SqlLedger sqlLedger,
      dev.deckhand.commands.engine.HookRunner hooks) {
    this(
        catalog,
        cluster,
        registry,
        rollouts,
        verifier,
        migrations,
        clock,
        sqlLedger,
        hooks,
        dev.deckhand.commands.ports.Timeline.NONE);
  }

  /** Tools without webhooks (no service's hooks can be called). */
  public Tools(
      Catalog catalog,
      Cluster cluster,
      ImageRegistry registry,
      Rollouts rollouts,
      Verifier verifier,
      Migrations migrations,
      Clock clock,
      dev.deckhand.commands.ports.SqlLedger sqlLedger) {
    this(
        catalog,
        cluster,
        registry,
        rollouts,
        verifier,
        migrations,
        clock,
        sqlLedger,
        new dev.deckhand.commands.engine.HookRunner(
            dev.deckhand.commands.ports.WebhookClient.NONE,
            Runnable::run,
            java.time.Duration.ofSeconds(1)));
  }

  /** Tools without a SQL migration ledger. */
  public Tools(
      Catalog catalog,
      Cluster cluster,
      ImageRegistry registry,
      Rollouts rollouts,
      Verifier verifier,
      Migrations migrations,
      Clock clock) {
    this(
        catalog,
        cluster,
        registry,
        rollouts,
        verifier,
        migrations,
        clock,
        dev.deckhand.commands.ports.SqlLedger.NONE);
  }
}
