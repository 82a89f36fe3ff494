package dev.deckhand.commands.engine;

import dev.deckhand.commands.catalog.WallClock;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Audit;
import dev.deckhand.commands.command.Freeze;
import dev.deckhand.commands.command.Lock;
import dev.deckhand.commands.command.Unfreeze;
import dev.deckhand.commands.command.Unlock;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.FreezeStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** {@code /lock}, {@code /unlock}, {@code /freeze}, {@code /unfreeze} and {@code /audit}. */
final class ControlHandlers {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private ControlHandlers() {}

  static Handler<Lock> lock(ServiceLocks locks, AuditLog audit) {
    return (c, request) -> {
      locks.lock(c.service().name(), c.environment().name(), request.actor(), c.reason());
      audit.append(
          request.actor(), "lock", c.service().name(), c.environment().name(), 0, c.reason());
      request
          .conversation()
          .post(
              new Reply.Text(
                  "🔒 "
                      + c.service().name()
                      + " in "
                      + c.environment().name()
                      + " is locked by "
                      + request.actor().displayName()
                      + ": "
                      + c.reason()
                      + ". /unlock "
                      + c.service().name()
                      + " --env "
                      + c.environment().name()
                      + " lifts it."));
    };
  }

  static Handler<Unlock> unlock(ServiceLocks locks, OperationRuns runs, AuditLog audit) {
    return (c, request) -> {
      String service = c.service().name();
      String env = c.environment().name();
      ServiceLocks.Unlocked result = locks.unlock(service, env, id -> runs.open(id).isPresent());
      if (result instanceof ServiceLocks.Unlocked.Lifted) {
        audit.append(request.actor(), "unlock", service, env, 0, "");
      }
      String text = unlockText(result, service, env, request.actor().displayName());
      request.conversation().post(new Reply.Text(text));
    };
  }

  private static String unlockText(
      ServiceLocks.Unlocked result, String service, String env, String by) {
    String subject = service + " in " + env;
    if (result instanceof ServiceLocks.Unlocked.Lifted) {
      return "🔓 " + subject + " is unlocked by " + by + ".";
    }
    if (result instanceof ServiceLocks.Unlocked.Changed changed) {
      return subject
          + " was "
          + ServiceLocks.describe(changed.shown())
          + changed
              .now()
              .map(
                  now ->
                      ", but the lock changed meanwhile: it is now "
                          + ServiceLocks.describe(now)
                          + ". Nothing was lifted; /unlock "
                          + service
                          + " --env "
                          + env
                          + " again to lift this one.")
              .orElse(", but that lock was lifted meanwhile; nothing was left to lift.");
    }
    return subject + " was not locked.";
  }

  static Handler<Freeze> freeze(FreezeStore freezes, AuditLog audit, Clock clock) {
    return (c, request) -> {
      var until = clock.instant().plus(c.duration());
      freezes.freeze(c.environment().name(), until, request.actor(), c.reason());
      audit.append(
          request.actor(), "freeze", "", c.environment().name(), 0, c.reason() + " until " + until);
      request
          .conversation()
          .post(
              new Reply.Text(
                  "❄️ "
                      + c.environment().name()
                      + " is frozen until "
                      + WallClock.dateTime(until, c.environment().zone())
                      + " by "
                      + request.actor().displayName()
                      + ": "
                      + c.reason()
                      + ". Deploys are refused; /unfreeze "
                      + c.environment().name()
                      + " lifts it."));
    };
  }

  static Handler<Unfreeze> unfreeze(FreezeStore freezes, AuditLog audit) {
    return (c, request) -> {
      boolean was = freezes.unfreeze(c.environment().name());
      if (was) {
        audit.append(request.actor(), "unfreeze", "", c.environment().name(), 0, "");
      }
      request
          .conversation()
          .post(
              new Reply.Text(
                  was
                      ? c.environment().name()
                          + " is no longer frozen (configured windows still apply)."
                      : c.environment().name() + " had no ad hoc freeze."));
    };
  }

  static Handler<Audit> audit(AuditLog audit) {
    return (c, request) -> {
      List<String> lines = new ArrayList<>();
      for (AuditLog.Event e :
          audit.recent(c.service().map(s -> s.name()).orElse(null), c.limit())) {
        lines.add(
            WHEN.format(e.at())
                + " #"
                + e.seq()
                + " "
                + (e.actor() == null ? "deckhand" : e.actor().displayName())
                + " "
                + e.action()
                + (e.operationId() > 0 ? " op " + e.operationId() : "")
                + (e.service().isEmpty() ? "" : " " + e.service())
                + (e.environment().isEmpty() ? "" : "/" + e.environment())
                + (e.detail().isEmpty() ? "" : ": " + e.detail()));
      }
      if (lines.isEmpty()) {
        lines.add("no audit rows yet");
      }
      request
          .conversation()
          .answer(
              new Reply.Listing(
                  "Audit trail" + c.service().map(s -> " of " + s.name()).orElse(""), lines));
    };
  }
}
