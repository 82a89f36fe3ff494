package dev.deckhand.commands.operation;

import java.util.Objects;

/**
 * One step of a plan as persisted: a stable name ({@code resolve}, {@code set-image}), the line
 * users read, its state and a short detail (empty when none).
 */
public record StepRecord(String name, String title, StepState state, String detail) {
  public StepRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(state, "state");
    detail = detail == null ? "" : detail;
  }

  public StepRecord with(StepState newState, String newDetail) {
    return new StepRecord(name, title, newState, newDetail);
  }
}
