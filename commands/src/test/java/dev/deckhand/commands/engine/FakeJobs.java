package dev.deckhand.commands.engine;

import dev.deckhand.commands.migrate.JobRequest;
import dev.deckhand.commands.migrate.JobState;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Migration Jobs as the API server would keep them: started once per name, earlier Jobs of the same
 * deployment deleted on a start, running until the test completes or fails them, with a log the
 * test appends to. Thread-safe.
 */
final class FakeJobs {
  private final Map<String, JobRequest> jobs = new LinkedHashMap<>();
  private final Map<String, Target> targets = new LinkedHashMap<>();
  private final Map<String, JobState> states = new LinkedHashMap<>();
  private final Map<String, List<String>> logs = new LinkedHashMap<>();
  private final List<JobRequest> creates = new CopyOnWriteArrayList<>();
  private final List<String> deleted = new CopyOnWriteArrayList<>();
  private volatile ClusterException startFailure;

  synchronized void start(Target target, JobRequest request) {
    if (startFailure != null) {
      throw startFailure;
    }
    if (jobs.containsKey(request.name())) {
      return;
    }
    for (String old : List.copyOf(jobs.keySet())) {
      if (targets.get(old).equals(target)) {
        jobs.remove(old);
        states.remove(old);
        deleted.add(old);
      }
    }
    jobs.put(request.name(), request);
    targets.put(request.name(), target);
    states.put(request.name(), new JobState(JobState.Phase.RUNNING, "", "", ""));
    logs.put(request.name(), new ArrayList<>());
    creates.add(request);
  }

  synchronized JobState state(String name) {
    JobState state = states.get(name);
    if (state == null) {
      throw new ClusterException("migration Job " + name + " not found");
    }
    return state;
  }

  synchronized List<String> log(String name, int lines) {
    List<String> all = logs.getOrDefault(name, List.of());
    return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** The Jobs created, in order (a resumed start of an existing Job creates none). */
  List<JobRequest> creates() {
    return List.copyOf(creates);
  }

  /** The names of the Jobs deleted because a newer one of the same deployment started. */
  List<String> deleted() {
    return List.copyOf(deleted);
  }

  synchronized void print(String name, String... lines) {
    logs.get(name).addAll(List.of(lines));
  }

  synchronized void complete(String name) {
    states.put(name, new JobState(JobState.Phase.COMPLETE, name + "-pod", "", ""));
  }

  synchronized void fail(String name, String reason, String message) {
    states.put(name, new JobState(JobState.Phase.FAILED, name + "-pod", reason, message));
  }

  void failStarts(ClusterException e) {
    startFailure = e;
  }
}
