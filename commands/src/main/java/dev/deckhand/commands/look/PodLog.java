package dev.deckhand.commands.look;

import java.util.List;
import java.util.Objects;

/** Log lines read from one container of one pod, oldest first. */
public record PodLog(String pod, String container, boolean previous, List<String> lines) {
  public PodLog {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(container, "container");
    lines = List.copyOf(lines);
  }
}
