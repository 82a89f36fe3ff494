package dev.deckhand.commands.exec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A command to run in a container, {@code kubectl exec} without a shell: the argument vector is
 * passed as it is, never through {@code sh -c}.
 *
 * @param pod the pod, or the workload whose pod it runs in
 * @param container the container's name
 * @param argv the program and its arguments; never empty
 * @param stdin what the program reads on its standard input (may be empty)
 * @param timeout the longest the program may run; it is then abandoned and the exec fails
 */
public record ExecRequest(
    PodSelector pod, String container, List<String> argv, byte[] stdin, Duration timeout) {
  public ExecRequest {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(timeout, "timeout");
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("an exec needs a program");
    }
    stdin = stdin == null ? new byte[0] : stdin.clone();
  }

  @Override
  public byte[] stdin() {
    return stdin.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExecRequest r
        && pod.equals(r.pod)
        && container.equals(r.container)
        && argv.equals(r.argv)
        && java.util.Arrays.equals(stdin, r.stdin)
        && timeout.equals(r.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pod, container, argv, java.util.Arrays.hashCode(stdin), timeout);
  }

  @Override
  public String toString() {
    return "exec " + argv + " in " + pod + " (container " + container + ")";
  }
}
