package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.Invocation;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Command;
import dev.deckhand.commands.parse.CommandParser;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.ports.RegistryException;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point for chat adapters: takes an invocation, returns at once, and runs it on the
 * bounded executor: dedupe, parse, audit, handle. User errors are answered with what to type;
 * anything else becomes "internal error, reference <id>" with the detail logged once.
 */
public final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final CommandParser parser;
  private final Handlers handlers;
  private final AuditLog audit;
  private final Deduplicator dedupe;
  private final Executor executor;
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  public Dispatcher(
      CommandParser parser,
      Handlers handlers,
      AuditLog audit,
      Deduplicator dedupe,
      Executor executor) {
    this.parser = parser;
    this.handlers = handlers;
    this.audit = audit;
    this.dedupe = dedupe;
    this.executor = executor;
  }

  /** Accepts an invocation and returns without waiting. Safe to call on a platform thread. */
  public void submit(Invocation invocation, Conversation conversation) {
    if (!dedupe.firstTime(invocation.idempotencyKey())) {
      log.info("ignoring repeated delivery {}", invocation.idempotencyKey());
      return;
    }
    inFlight.incrementAndGet();
    try {
      executor.execute(
          () -> {
            try {
              run(new Request(invocation, conversation));
            } finally {
              inFlight.decrementAndGet();
            }
          });
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
      // It never ran: a redelivery of the same event must be able to run it.
      dedupe.forget(invocation.idempotencyKey());
      conversation.answer(new Reply.Problem("Deckhand is busy right now", "try again in a minute"));
    }
  }

  /** Invocations accepted and not yet handled (queued or running their handler). */
  public int inFlight() {
    return inFlight.get();
  }

  private void run(Request request) {
    Invocation inv = request.invocation();
    try {
      Command command = parser.parse(inv.text());
      audit.append(inv.actor(), "command", "", "", 0, inv.text());
      handlers.dispatch(command, request);
    } catch (UsageException e) {
      refused(inv, e.problem());
      safeAnswer(request, new Reply.Problem(e.problem(), e.hint()));
    } catch (ClusterException | RegistryException e) {
      log.info("refused '{}' from {}: {}", inv.text(), inv.actor(), e.getMessage());
      refused(inv, e.getMessage());
      safeAnswer(
          request,
          new Reply.Problem(
              e.getMessage(), "nothing was changed; check the catalog and try again"));
    } catch (RuntimeException e) {
      String reference = UUID.randomUUID().toString().substring(0, 8);
      log.error(
          "internal error {} while handling '{}' from {}", reference, inv.text(), inv.actor(), e);
      safeAnswer(request, new Reply.InternalError(reference));
    }
  }

  /** Records a refusal; a store that cannot take it is logged, never thrown at the user twice. */
  private void refused(Invocation inv, String why) {
    try {
      audit.append(inv.actor(), "refused", "", "", 0, inv.text() + " — " + why);
    } catch (RuntimeException e) {
      log.error("could not audit the refusal of '{}' from {}", inv.text(), inv.actor(), e);
    }
  }

  private static void safeAnswer(Request request, Reply reply) {
    try {
      request.conversation().answer(reply);
    } catch (RuntimeException e) {
      log.warn("could not answer in {}: {}", request.conversation().id(), e.toString());
    }
  }
}
