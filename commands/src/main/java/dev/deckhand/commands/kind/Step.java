package dev.deckhand.commands.kind;

import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.util.Objects;

/**
 * One step of an operation kind, as a typed value: its stable name (what is stored) and what a
 * resume after a restart does with it. A kind declares its steps as constants and the engine
 * decides from them, never from the names, where a resumed operation carries on.
 *
 * @param name the stored name ({@code set-image}); unique within the kind
 * @param resume what resuming it means
 */
public record Step(String name, Resume resume) {
  /** The approval gate every kind may have; the engine inserts it where a plan needs it. */
  public static final Step APPROVAL = new Step("approval", Resume.PLANNED);

  /** What a resume after a restart does with a step that had not ended. */
  public enum Resume {
    /** Done while planning (a read, a resolve, the approval): never run again. */
    PLANNED,
    /** Idempotent: a resume runs it again from its start (setting the same image again). */
    REPEAT,
    /** Follows what an earlier step set in motion (a rollout): a resume watches it again. */
    REATTACH,
    /**
     * Not idempotent: interrupted while running, it may or may not have happened, so a resume stops
     * the operation and says so instead of repeating it.
     */
    ONCE,
    /**
     * Undoes earlier steps (an automatic rollback). Runs only after a failure was recorded; a
     * resumed operation without a recorded failure skips it.
     */
    COMPENSATE
  }

  public Step {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(resume, "resume");
  }

  /** A step that does its work in the engine's run, from one resume rule. */
  public static Step of(String name, Resume resume) {
    return new Step(name, resume);
  }

  /** True unless repeating it could do its work twice. */
  public boolean idempotent() {
    return resume != Resume.ONCE;
  }

  public boolean compensating() {
    return resume == Resume.COMPENSATE;
  }

  /** The step as planned, not yet run, with the line users read. */
  public StepRecord pending(String title) {
    return new StepRecord(name, title, StepState.PENDING, "");
  }

  /** The step as already done while planning, with what it found. */
  public StepRecord done(String title, String detail) {
    return new StepRecord(name, title, StepState.DONE, detail);
  }

  /** True when {@code record} is this step's stored record. */
  public boolean is(StepRecord record) {
    return record.name().equals(name);
  }
}
