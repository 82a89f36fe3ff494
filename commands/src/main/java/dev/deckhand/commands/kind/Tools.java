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
 *
 * @param sqlLedger {@link dev.deckhand.commands.ports.SqlLedger#NONE} for none
 * @param timeline {@link dev.deckhand.commands.ports.Timeline#NONE} for none (it reads as empty;
 *     {@code /rollback-all} then finds nothing)
 * @param builds {@link dev.deckhand.commands.ports.Builds#NONE} for none
 * @param metrics {@link dev.deckhand.commands.ports.Metrics#NONE} for none
 * @param locks who holds which service's lock ({@link dev.deckhand.commands.ports.LockHolders#NONE}
 *     for none): {@code /promote} refuses while an operation still runs in the previous zone
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
    dev.deckhand.commands.ports.Timeline timeline,
    dev.deckhand.commands.ports.Builds builds,
    dev.deckhand.commands.ports.Metrics metrics,
    dev.deckhand.commands.ports.LockHolders locks) {

  /** Tools that see no locks. */
  public Tools(
      Catalog catalog,
      Cluster cluster,
      ImageRegistry registry,
      Rollouts rollouts,
      Verifier verifier,
      Migrations migrations,
      Clock clock,
      dev.deckhand.commands.ports.SqlLedger sqlLedger,
      dev.deckhand.commands.engine.HookRunner hooks,
      dev.deckhand.commands.ports.Timeline timeline,
      dev.deckhand.commands.ports.Builds builds,
      dev.deckhand.commands.ports.Metrics metrics) {
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
        timeline,
        builds,
        metrics,
        dev.deckhand.commands.ports.LockHolders.NONE);
  }
}
