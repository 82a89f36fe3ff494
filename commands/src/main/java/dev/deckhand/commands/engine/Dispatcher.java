package dev.deckhand.commands.engine;

import dev.deckhand.commands.chat.Conversation;
import dev.deckhand.commands.chat.Invocation;
import dev.deckhand.commands.chat.Reaction;
import dev.deckhand.commands.chat.Redactor;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Command;
import dev.deckhand.commands.live.Outbox;
import dev.deckhand.commands.parse.CommandParser;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.policy.Permissions;
import dev.deckhand.commands.ports.ApprovalStore;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.ports.DeliveryLog;
import dev.deckhand.commands.ports.RegistryException;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point for chat adapters: takes an invocation or a reaction, returns at once, and runs
 * it on the bounded executor: dedupe (durable), parse, permission and channel checks, audit,
 * handle. User errors are answered with what to type; anything else becomes "internal error,
 * reference <id>" with the detail logged once. Answers and whispers to the person who typed a
 * command go through the {@link Outbox}: no worker and no platform thread waits on the chat for
 * them.
 *
 * <p>Until the engine has resumed what a previous run left ({@link #resumed()}), everything
 * accepted is held in memory, in order and not yet marked delivered, and runs once the resume has
 * ended: a vote on an approval request the resume has not re-attached yet would be lost.
 */
public final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final CommandParser parser;
  private final Handlers handlers;
  private final AuditLog audit;
  private final DeliveryLog deliveries;
  private final Permissions permissions;
  private final ApprovalStore approvalStore;
  private final Approvals approvals;
  private final Executor executor;
  private final Redactor redactor;
  private final Outbox outbox;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final StartupHold hold;

  /** How many deliveries may wait for the resume before new ones are refused as when busy. */
  static final int HOLD_CAPACITY = 256;

  Dispatcher(
      CommandParser parser,
      Handlers handlers,
      AuditLog audit,
      DeliveryLog deliveries,
      Permissions permissions,
      ApprovalStore approvalStore,
      Approvals approvals,
      Executor executor,
      Redactor redactor,
      Outbox outbox) {
    this(
        parser,
        handlers,
        audit,
        deliveries,
        permissions,
        approvalStore,
        approvals,
        executor,
        redactor,
        outbox,
        HOLD_CAPACITY);
  }

  /** As above, holding at most {@code holdCapacity} deliveries until the resume has ended. */
  Dispatcher(
      CommandParser parser,
      Handlers handlers,
      AuditLog audit,
      DeliveryLog deliveries,
      Permissions permissions,
      ApprovalStore approvalStore,
      Approvals approvals,
      Executor executor,
      Redactor redactor,
      Outbox outbox,
      int holdCapacity) {
    this.hold = new StartupHold(holdCapacity);
    this.parser = parser;
    this.handlers = handlers;
    this.audit = audit;
    this.deliveries = deliveries;
    this.permissions = permissions;
    this.approvalStore = approvalStore;
    this.approvals = approvals;
    this.executor = executor;
    this.redactor = redactor;
    this.outbox = outbox;
  }

  /** The answer to a command that finds every worker busy and the queue full. */
  static final Reply BUSY =
      new Reply.Problem("Deckhand is busy right now", "try again in a minute");

  /**
   * Accepts an invocation and returns without waiting: even the check for a repeated delivery (a
   * write to the store) happens on the executor, so a platform's ack never waits for the database.
   * Before {@link #resumed()} it is held. Safe to call on a platform thread.
   */
  public void submit(Invocation delivered, Conversation channel) {
    Invocation invocation = identified(delivered);
    Conversation conversation = outbox.queuingReplies(redactor.around(channel));
    // Never a chat call on the platform's thread: the outbox sends it once a worker is free.
    Runnable busy = () -> conversation.whisper(invocation.actor(), BUSY);
    if (!accept(new StartupHold.Held(() -> run(new Request(invocation, conversation)), busy))) {
      busy.run();
    }
  }

  /**
   * Accepts a reaction and returns without waiting. On an approval request, ✅ and ❌ vote and
   * removing ✅ withdraws the vote; on any other message it means nothing. Before {@link #resumed()}
   * it is held.
   */
  public void react(Reaction delivered) {
    if (delivered.vote() == Reaction.Vote.NONE) {
      return;
    }
    Reaction reaction = identified(delivered);
    Runnable dropped = () -> log.warn("dropped a reaction of {} while busy", reaction.actor());
    if (!accept(new StartupHold.Held(() -> vote(reaction), dropped))) {
      dropped.run();
    }
  }

  /** The invocation with its actor's person resolved once, where it enters the engine. */
  private Invocation identified(Invocation i) {
    return new Invocation(
        permissions.identify(i.actor()), i.conversation(), i.text(), i.idempotencyKey());
  }

  private Reaction identified(Reaction r) {
    return new Reaction(
        permissions.identify(r.actor()),
        r.conversation(),
        r.messageId(),
        r.emoji(),
        r.added(),
        r.idempotencyKey());
  }

  /**
   * The engine has resumed what a previous run left unfinished: what was held runs now, in the
   * order it came, and what comes from now on runs at once. Idempotent.
   *
   * @return how many deliveries were held
   */
  int resumed() {
    int released = hold.release(this::enqueue);
    if (released > 0) {
      log.info("{} chat deliveries received during start-up run now", released);
    }
    return released;
  }

  /** Holds a delivery until the resume has ended, or queues it; false when it is refused. */
  private boolean accept(StartupHold.Held delivery) {
    return hold.offer(delivery, this::enqueue);
  }

  /**
   * True the first time a delivery is seen; a repeat (a platform's retry) is logged. Throws when
   * the store cannot tell: the caller reports that rather than risk running a retry twice.
   */
  private boolean firstTime(String key) {
    if (deliveries.firstTime(key)) {
      return true;
    }
    log.info("ignoring repeated delivery {}", key);
    return false;
  }

  /** Invocations and reactions accepted and not yet handled, those held for the resume included. */
  public int inFlight() {
    return inFlight.get() + hold.size();
  }

  /** Deliveries held until the resume has ended. */
  public int held() {
    return hold.size();
  }

  private boolean enqueue(Runnable task) {
    inFlight.incrementAndGet();
    try {
      executor.execute(
          () -> {
            try {
              task.run();
            } finally {
              inFlight.decrementAndGet();
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      inFlight.decrementAndGet();
      return false;
    }
  }

  private void vote(Reaction r) {
    try {
      if (!firstTime(r.idempotencyKey())) {
        return;
      }
      var found = approvals.requestOf(r.conversation(), r.messageId());
      if (found.isEmpty()) {
        log.info(
            "reaction of {} on {}, which is no approval request, ignored",
            r.actor(),
            r.messageId());
        return;
      }
      found.ifPresent(
          request -> {
            if (!r.added()) {
              approvals.withdraw(request.operationId(), r.actor());
            } else if (request.state().equals("pending")) {
              approvals.vote(
                  request.operationId(), r.actor(), r.vote() == Reaction.Vote.APPROVE, "");
            }
          });
    } catch (UsageException e) {
      log.info("reaction of {} on {} ignored: {}", r.actor(), r.messageId(), e.problem());
    } catch (RuntimeException e) {
      log.error(
          "internal error while counting a reaction of {} on {}", r.actor(), r.messageId(), e);
    }
  }

  private void run(Request request) {
    Invocation inv = request.invocation();
    Command command = null;
    try {
      if (!firstTime(inv.idempotencyKey())) {
        return;
      }
      command = parser.parse(inv.text());
      check(command, request);
      audit.append(
          inv.actor(),
          "command",
          "",
          command.scope().map(e -> e.name()).orElse(""),
          0,
          redactor.redact(inv.text()));
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
              e.getMessage(),
              command != null && command.readOnly()
                  ? "this command only reads; /status shows what runs there"
                  : "nothing was changed; check the catalog and try again"));
    } catch (RuntimeException e) {
      String reference = UUID.randomUUID().toString().substring(0, 8);
      log.error(
          "internal error {} while handling '{}' from {}", reference, inv.text(), inv.actor(), e);
      safeAnswer(request, new Reply.InternalError(reference));
    }
  }

  /**
   * The permission and channel-binding interceptors: changes need a grant and the right channel;
   * read-only commands with an action need the grant only.
   */
  private void check(Command command, Request request) {
    if (command.action().isEmpty()) {
      return;
    }
    command
        .scope()
        .ifPresent(
            env -> {
              permissions.require(request.actor(), command.action(), env.name());
              String channel = request.conversation().id();
              if (!command.readOnly()
                  && !env.channels().isEmpty()
                  && !env.channels().contains(channel)) {
                throw new UsageException(
                    env.name()
                        + " is changed only from "
                        + String.join(", ", env.channels())
                        + ", not "
                        + channel,
                    "run it in " + env.channels().get(0));
              }
            });
  }

  /** Records a refusal; a store that cannot take it is logged, never thrown at the user twice. */
  private void refused(Invocation inv, String why) {
    try {
      audit.append(inv.actor(), "refused", "", "", 0, redactor.redact(inv.text() + " — " + why));
    } catch (RuntimeException e) {
      log.error("could not audit the refusal of '{}' from {}", inv.text(), inv.actor(), e);
    }
  }

  /**
   * Answers the person who typed the command, and only them where the platform can; through the
   * outbox (the request's conversation queues its whispers), so it never blocks.
   */
  private static void safeAnswer(Request request, Reply reply) {
    request.conversation().whisper(request.actor(), reply);
  }
}
