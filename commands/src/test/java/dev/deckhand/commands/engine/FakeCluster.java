package dev.deckhand.commands.engine;

import dev.deckhand.commands.look.ClusterEvent;
import dev.deckhand.commands.look.Description;
import dev.deckhand.commands.look.LogQuery;
import dev.deckhand.commands.look.PodLog;
import dev.deckhand.commands.migrate.JobRequest;
import dev.deckhand.commands.migrate.JobState;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.Cluster;
import dev.deckhand.commands.ports.ClusterException;
import dev.deckhand.commands.rollout.PodProblem;
import dev.deckhand.commands.rollout.Revision;
import dev.deckhand.commands.rollout.RolloutSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-memory cluster: per target the current snapshot and the revision history. Changes bump the
 * generation and leave it unobserved, as the API server does; the test then pushes what the
 * controller would report. Records every change; failures are scripted. Thread-safe; listeners run
 * on the caller's thread, outside the lock.
 */
final class FakeCluster implements Cluster {
  record SetImage(Target target, String image, String cause, long generation) {}

  record Undo(Target target, long toRevision, String cause, long generation) {}

  /** A restart, scale or pause patch as it was asked for. */
  record Patch(Target target, String what, long generation) {}

  private record Watcher(Target target, Consumer<RolloutSnapshot> listener) {}

  private final Map<Target, RolloutSnapshot> current = new HashMap<>();
  private final Map<Target, List<Revision>> history = new HashMap<>();
  private final List<Watcher> watchers = new CopyOnWriteArrayList<>();
  private final List<SetImage> setImages = new CopyOnWriteArrayList<>();
  private final List<Undo> undos = new CopyOnWriteArrayList<>();
  private final List<String> logRequests = new CopyOnWriteArrayList<>();
  private final List<Patch> patches = new CopyOnWriteArrayList<>();
  private volatile RuntimeException readFailure;
  private volatile ClusterException setImageFailure;
  private volatile ClusterException undoFailure;
  private volatile Runnable onRead = () -> {};
  private volatile List<String> logLines = List.of();
  private volatile boolean noPreviousInstance;
  private final List<LogQuery> logQueries = new CopyOnWriteArrayList<>();
  private volatile List<ClusterEvent> events = List.of();
  final FakeJobs jobs = new FakeJobs();

  /** An exec as it was asked for, with its stdin as text. */
  record Exec(Target target, dev.deckhand.commands.exec.ExecRequest request, String stdin) {}

  private final List<Exec> execs = new CopyOnWriteArrayList<>();
  private volatile java.util.function.Function<Exec, dev.deckhand.commands.exec.ExecResult>
      execAnswer = e -> dev.deckhand.commands.exec.ExecResult.of(0, "", "");

  /** Every exec, in order. */
  List<Exec> execs() {
    return List.copyOf(execs);
  }

  /** How execs answer (exit 0, no output by default); may throw a ClusterException. */
  void execAnswer(java.util.function.Function<Exec, dev.deckhand.commands.exec.ExecResult> answer) {
    execAnswer = answer;
  }

  @Override
  public dev.deckhand.commands.exec.ExecResult exec(
      Target target, dev.deckhand.commands.exec.ExecRequest request) {
    Exec e =
        new Exec(
            target, request, new String(request.stdin(), java.nio.charset.StandardCharsets.UTF_8));
    execs.add(e);
    return execAnswer.apply(e);
  }

  /** A rolled-out deployment whose revisions 1..n ran {@code images}, the last one now. */
  synchronized void deployment(Target t, int replicas, String... images) {
    List<Revision> revs = new ArrayList<>();
    for (int i = 0; i < images.length; i++) {
      revs.add(new Revision(i + 1, images[i], "", i == images.length - 1));
    }
    history.put(t, revs);
    current.put(
        t,
        SnapshotBuilder.snapshot()
            .generation(images.length)
            .replicas(replicas)
            .revision(images.length)
            .image(images[images.length - 1])
            .build());
  }

  synchronized RolloutSnapshot current(Target t) {
    return current.get(t);
  }

  /** Replaces the current snapshot and shows it to every watcher, as an informer event would. */
  void push(Target t, RolloutSnapshot s) {
    synchronized (this) {
      current.put(t, s);
    }
    watchers.stream().filter(w -> w.target().equals(t)).forEach(w -> w.listener().accept(s));
  }

  /** The controller observed the newest generation and every replica is updated and available. */
  void rollOut(Target t) {
    push(t, SnapshotBuilder.from(current(t)).observed().complete().build());
  }

  /** The controller observed the newest generation and a new pod fails. */
  void failPod(Target t, PodProblem problem) {
    push(t, SnapshotBuilder.from(current(t)).observed().rolling(1).problem(problem).build());
  }

  int watchers(Target t) {
    return (int) watchers.stream().filter(w -> w.target().equals(t)).count();
  }

  List<SetImage> setImages() {
    return List.copyOf(setImages);
  }

  List<Undo> undos() {
    return List.copyOf(undos);
  }

  /** Restart, scale and pause patches, in order ({@code restart <at>}, {@code scale 2}, …). */
  List<Patch> patches() {
    return List.copyOf(patches);
  }

  List<String> logRequests() {
    return List.copyOf(logRequests);
  }

  void failReads(RuntimeException e) {
    readFailure = e;
  }

  void failSetImage(ClusterException e) {
    setImageFailure = e;
  }

  void failUndo(ClusterException e) {
    undoFailure = e;
  }

  private volatile Runnable afterWrite = () -> {};

  /**
   * Runs after a ConfigMap or a bundle of manifests is written, outside the lock, before the call
   * returns (a {@link Hang} there is a process killed after the cluster took the change).
   */
  void afterWrite(Runnable hook) {
    afterWrite = hook;
  }

  /** Runs on every read, before it answers (to hold a worker, say). */
  void onRead(Runnable hook) {
    onRead = hook;
  }

  /** Pods that never restarted: {@code --previous} finds no instance to read. */
  void noPreviousInstance() {
    noPreviousInstance = true;
  }

  void logLines(List<String> lines) {
    logLines = List.copyOf(lines);
  }

  void events(List<ClusterEvent> list) {
    events = List.copyOf(list);
  }

  List<LogQuery> logQueries() {
    return List.copyOf(logQueries);
  }

  /** The newest pod is {@code <deployment>-new}; its log is {@link #logLines}. */
  @Override
  public PodLog logs(Target target, LogQuery query) {
    logQueries.add(query);
    read(target);
    if (query.previous() && noPreviousInstance) {
      throw new ClusterException(
          "container gateway of pod " + target.deployment() + "-new has no previous instance");
    }
    List<String> all = logLines;
    return new PodLog(
        target.deployment() + "-new",
        query.container().orElse(target.container()),
        query.previous(),
        all.subList(Math.max(0, all.size() - query.tail()), all.size()));
  }

  @Override
  public List<ClusterEvent> events(Target target, int limit) {
    read(target);
    return events.stream().limit(limit).toList();
  }

  @Override
  public void startJob(Target target, JobRequest request) {
    read(target);
    jobs.start(target, request);
  }

  @Override
  public JobState job(Target target, String name) {
    return jobs.state(name);
  }

  @Override
  public List<String> jobLog(Target target, String name, int lines) {
    return jobs.log(name, lines);
  }

  /** The deployment as {@link #read} has it, with one ready pod. */
  @Override
  public Description describe(Target target) {
    RolloutSnapshot s = read(target);
    return new Description(
        target.deployment(),
        s.status().generation(),
        s.status().observedGeneration(),
        false,
        new Description.Replicas(
            s.status().specReplicas(),
            s.status().updatedReplicas(),
            s.status().readyReplicas(),
            s.status().availableReplicas()),
        List.of(new Description.Condition("Available", "True", "MinimumReplicasAvailable", "")),
        List.of(new Description.Image(target.container(), s.image())),
        List.of(
            new Description.PodState(
                target.deployment() + "-new",
                java.time.Instant.EPOCH,
                "Running",
                true,
                0,
                "Running",
                List.of(s.image()))));
  }

  @Override
  public RolloutSnapshot read(Target target) {
    onRead.run();
    RuntimeException failure = readFailure;
    if (failure != null) {
      throw failure;
    }
    RolloutSnapshot s = current(target);
    if (s == null) {
      throw new ClusterException("deployment " + target.deployment() + " not found");
    }
    return s;
  }

  @Override
  public long setImage(Target target, String image, String changeCause) {
    ClusterException failure = setImageFailure;
    long generation;
    synchronized (this) {
      generation = current.get(target).status().generation() + 1;
      setImages.add(new SetImage(target, image, changeCause, generation));
      if (failure != null) {
        throw failure;
      }
      change(target, image, changeCause, generation);
    }
    return generation;
  }

  @Override
  public synchronized long undo(Target target, long toRevision, String changeCause) {
    long generation = current.get(target).status().generation() + 1;
    undos.add(new Undo(target, toRevision, changeCause, generation));
    if (undoFailure != null) {
      throw undoFailure;
    }
    List<Revision> revs = history.get(target);
    Revision now = revs.stream().filter(Revision::current).findFirst().orElseThrow();
    Revision to =
        revs.stream()
            .filter(r -> toRevision == 0 ? r.number() < now.number() : r.number() == toRevision)
            .reduce((a, b) -> b)
            .orElseThrow(
                () ->
                    new ClusterException(
                        toRevision == 0
                            ? "deployment " + target.deployment() + " has no previous revision"
                            : "deployment "
                                + target.deployment()
                                + " has no revision "
                                + toRevision));
    // Like the controller: the old ReplicaSet comes back under the next revision number.
    revs.remove(to);
    change(target, to.image(), changeCause, generation);
    return generation;
  }

  private void change(Target target, String image, String cause, long generation) {
    List<Revision> revs = history.get(target);
    long number = revs.stream().mapToLong(Revision::number).max().orElse(0) + 1;
    revs.replaceAll(r -> new Revision(r.number(), r.image(), r.changeCause(), false));
    revs.add(new Revision(number, image, cause, true));
    RolloutSnapshot s =
        SnapshotBuilder.from(current.get(target))
            .complete()
            .generation(generation)
            .unobserved()
            .revision(number)
            .image(image)
            .build();
    current.put(target, s);
  }

  @Override
  public synchronized long restart(Target target, java.time.Instant at, String changeCause) {
    RolloutSnapshot now = current.get(target);
    String stamp = at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    if (stamp.equals(now.restartedAt())) {
      patches.add(new Patch(target, "restart " + stamp, now.status().generation()));
      return now.status().generation();
    }
    change(target, now.image(), changeCause, now.status().generation() + 1);
    current.put(target, SnapshotBuilder.from(current.get(target)).restartedAt(stamp).build());
    long generation = current.get(target).status().generation();
    patches.add(new Patch(target, "restart " + stamp, generation));
    return generation;
  }

  @Override
  public synchronized long scale(Target target, int replicas) {
    RolloutSnapshot now = current.get(target);
    long generation =
        now.status().specReplicas() == replicas
            ? now.status().generation()
            : now.status().generation() + 1;
    current.put(
        target,
        SnapshotBuilder.from(now).replicas(replicas).generation(generation).unobserved().build());
    patches.add(new Patch(target, "scale " + replicas, generation));
    return generation;
  }

  @Override
  public synchronized long pause(Target target, boolean paused, String by, java.time.Instant at) {
    RolloutSnapshot now = current.get(target);
    long generation =
        now.pause().paused() == paused ? now.status().generation() : now.status().generation() + 1;
    dev.deckhand.commands.rollout.Pause pause =
        paused
            ? new dev.deckhand.commands.rollout.Pause(true, by, at.toString())
            : dev.deckhand.commands.rollout.Pause.NONE;
    SnapshotBuilder next = SnapshotBuilder.from(now).pause(pause).generation(generation);
    current.put(
        target, generation == now.status().generation() ? next.build() : next.unobserved().build());
    patches.add(new Patch(target, (paused ? "pause" : "resume"), generation));
    return generation;
  }

  @Override
  public synchronized List<Revision> history(Target target) {
    return List.copyOf(history.get(target));
  }

  @Override
  public List<String> logTail(Target target, String pod, int lines) {
    logRequests.add(pod);
    List<String> all = logLines;
    return all.subList(Math.max(0, all.size() - lines), all.size());
  }

  /** ConfigMaps and Secrets by namespace/name; each write is also recorded in {@link #patches}. */
  private final Map<String, Map<String, String>> configMaps = new HashMap<>();

  private final Map<String, Map<String, String>> secrets = new HashMap<>();

  private static String key(Target t, String name) {
    return t.cluster() + "/" + t.namespace() + "/" + name;
  }

  /** Drops every watch, as the death of the process that held them would. */
  void forgetWatchers() {
    watchers.clear();
  }

  /** Puts a ConfigMap as someone else would (no patch recorded). */
  synchronized void configMapData(Target t, String name, Map<String, String> data) {
    configMaps.put(key(t, name), Map.copyOf(data));
  }

  synchronized Map<String, String> configMapData(Target t, String name) {
    return configMaps.get(key(t, name));
  }

  /** Puts a Secret's values as someone else would (no patch recorded). */
  synchronized void secretData(Target t, String name, Map<String, String> data) {
    secrets.put(key(t, name), Map.copyOf(data));
  }

  synchronized Map<String, String> secretData(Target t, String name) {
    return secrets.get(key(t, name));
  }

  private volatile Runnable onConfigRead = () -> {};

  /** Runs before every read of a ConfigMap or a Secret (outside the lock). */
  void onConfigRead(Runnable hook) {
    onConfigRead = hook;
  }

  @Override
  public java.util.Optional<Map<String, String>> configMap(Target t, String name) {
    onConfigRead.run();
    synchronized (this) {
      return java.util.Optional.ofNullable(configMaps.get(key(t, name)));
    }
  }

  @Override
  public void applyConfigMap(Target t, String name, Map<String, String> data) {
    synchronized (this) {
      configMaps.put(key(t, name), Map.copyOf(data));
      patches.add(new Patch(t, "configmap " + name, current.get(t).status().generation()));
    }
    afterWrite.run();
  }

  @Override
  public java.util.Optional<Map<String, String>> secretFingerprints(Target t, String name) {
    onConfigRead.run();
    Map<String, String> data = secretData(t, name);
    if (data == null) {
      return java.util.Optional.empty();
    }
    Map<String, String> out = new HashMap<>();
    data.forEach((k, v) -> out.put(k, dev.deckhand.commands.model.Fingerprint.of(v)));
    return java.util.Optional.of(out);
  }

  @Override
  public synchronized void setSecretKeys(Target t, String name, Map<String, String> values) {
    Map<String, String> data = new HashMap<>(secrets.getOrDefault(key(t, name), Map.of()));
    data.putAll(values);
    secrets.put(key(t, name), Map.copyOf(data));
    patches.add(
        new Patch(
            t,
            "secret " + name + " " + String.join(",", new java.util.TreeSet<>(values.keySet())),
            current.get(t).status().generation()));
  }

  /** Manifests applied, per target and file name: what the fake's plans compare with. */
  private final Map<String, String> manifests = new HashMap<>();

  private final List<List<dev.deckhand.commands.manifest.Manifest>> applies =
      new java.util.ArrayList<>();

  private volatile java.util.function.Consumer<List<dev.deckhand.commands.manifest.Manifest>>
      onManifestPlan = m -> {};

  /** Runs before every plan of manifests (to throw, say). */
  void onManifestPlan(
      java.util.function.Consumer<List<dev.deckhand.commands.manifest.Manifest>> hook) {
    onManifestPlan = hook;
  }

  /** Every {@link #applyManifests} call's files, in order. */
  synchronized List<List<dev.deckhand.commands.manifest.Manifest>> manifestApplies() {
    return List.copyOf(applies);
  }

  /**
   * One object per file, {@code File/<file name>}: created when never applied, changed ({@code
   * text: changed}) when applied with another text, else unchanged.
   */
  @Override
  public List<dev.deckhand.commands.manifest.ObjectChange> planManifests(
      Target t, List<dev.deckhand.commands.manifest.Manifest> files) {
    onManifestPlan.accept(files);
    synchronized (this) {
      List<dev.deckhand.commands.manifest.ObjectChange> out = new java.util.ArrayList<>();
      for (var m : files) {
        String live = manifests.get(key(t, m.file()));
        out.add(
            new dev.deckhand.commands.manifest.ObjectChange(
                "File/" + m.file(),
                live == null
                    ? dev.deckhand.commands.manifest.ObjectChange.Action.CREATE
                    : live.equals(m.text())
                        ? dev.deckhand.commands.manifest.ObjectChange.Action.UNCHANGED
                        : dev.deckhand.commands.manifest.ObjectChange.Action.CHANGE,
                live == null || live.equals(m.text()) ? List.of() : List.of("text: changed")));
      }
      return out;
    }
  }

  @Override
  public void applyManifests(Target t, List<dev.deckhand.commands.manifest.Manifest> files) {
    synchronized (this) {
      files.forEach(m -> manifests.put(key(t, m.file()), m.text()));
      applies.add(List.copyOf(files));
    }
    afterWrite.run();
  }

  /**
   * A blue-green write as it was asked for ({@code copy x}, {@code delete x}, {@code select k=v}).
   */
  private final List<String> blueGreen = new CopyOnWriteArrayList<>();

  private final Map<String, Map<String, String>> selectors = new HashMap<>();

  private static String serviceKey(Target t, String service) {
    return t.cluster() + "/" + t.namespace() + "/" + service;
  }

  /** A Service in the target's namespace with this selector. */
  synchronized void service(Target t, String name, Map<String, String> selector) {
    selectors.put(serviceKey(t, name), new HashMap<>(selector));
  }

  synchronized Map<String, String> selector(Target t, String name) {
    return Map.copyOf(selectors.get(serviceKey(t, name)));
  }

  /**
   * Blue-green writes in order: {@code copy <name> <image>}, {@code delete <name>}, {@code select
   * <v>}.
   */
  List<String> blueGreenWrites() {
    return List.copyOf(blueGreen);
  }

  @Override
  public synchronized java.util.Optional<RolloutSnapshot> find(Target target) {
    return java.util.Optional.ofNullable(current.get(target));
  }

  @Override
  public synchronized Map<String, String> serviceSelector(Target target, String service) {
    Map<String, String> s = selectors.get(serviceKey(target, service));
    if (s == null) {
      throw new ClusterException("service " + service + " not found");
    }
    return Map.copyOf(s);
  }

  @Override
  public synchronized void setServiceSelector(
      Target target, String service, String key, String value) {
    Map<String, String> s = selectors.get(serviceKey(target, service));
    if (s == null) {
      throw new ClusterException("service " + service + " not found");
    }
    if (value == null) {
      s.remove(key);
    } else {
      s.put(key, value);
    }
    blueGreen.add("select " + value);
  }

  @Override
  public synchronized long copyDeployment(
      Target source, String name, Map<String, String> labels, String image, int replicas) {
    if (!current.containsKey(source)) {
      throw new ClusterException("deployment " + source.deployment() + " not found");
    }
    Target copy = new Target(source.cluster(), source.namespace(), name, source.container());
    RolloutSnapshot was = current.get(copy);
    long generation = was == null ? 1 : was.status().generation() + 1;
    current.put(
        copy,
        SnapshotBuilder.snapshot()
            .generation(generation)
            .unobserved()
            .replicas(replicas)
            .revision(1)
            .image(image)
            .build());
    history.put(copy, new ArrayList<>(List.of(new Revision(1, image, "", true))));
    blueGreen.add("copy " + name + " " + image + " " + labels);
    return generation;
  }

  @Override
  public synchronized void deleteDeployment(Target target) {
    current.remove(target);
    history.remove(target);
    blueGreen.add("delete " + target.deployment());
  }

  private final Map<String, Map<String, Integer>> routes = new HashMap<>();
  private final List<String> canaryWrites = new CopyOnWriteArrayList<>();
  private final java.util.Set<Target> autoRollOut =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static String routeKey(Target t, dev.deckhand.commands.catalog.CanarySpec.Route r) {
    return t.cluster() + "/" + t.namespace() + "/" + r;
  }

  /** A route whose one rule sends to these backends with these weights. */
  synchronized void route(
      Target t, dev.deckhand.commands.catalog.CanarySpec.Route r, Map<String, Integer> weights) {
    routes.put(routeKey(t, r), new java.util.LinkedHashMap<>(weights));
  }

  /** The weights of the route's rule now. */
  synchronized Map<String, Integer> route(
      Target t, dev.deckhand.commands.catalog.CanarySpec.Route r) {
    return Map.copyOf(routes.get(routeKey(t, r)));
  }

  /**
   * Canary writes in order: {@code weight <n>}, {@code weights back}, {@code copy-service <name>
   * <selector>}, {@code delete-service <name>}.
   */
  List<String> canaryWrites() {
    return List.copyOf(canaryWrites);
  }

  /** Every rollout of {@code t} completes as soon as it is watched (scales, copies, images). */
  void autoRollOut(Target t) {
    autoRollOut.add(t);
  }

  /** Rollouts of {@code t} wait for the test again. */
  void noAutoRollOut(Target t) {
    autoRollOut.remove(t);
  }

  @Override
  public synchronized Map<String, Integer> routeWeights(
      Target target,
      dev.deckhand.commands.catalog.CanarySpec.Route route,
      String service,
      String canary) {
    Map<String, Integer> r = routes.get(routeKey(target, route));
    if (r == null) {
      throw new ClusterException(route + " not found");
    }
    if (!r.containsKey(service)) {
      throw new ClusterException(route + " has no rule that sends to Service " + service);
    }
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(r));
  }

  @Override
  public synchronized void setRouteWeights(
      Target target,
      dev.deckhand.commands.catalog.CanarySpec.Route route,
      String service,
      String canary,
      int canaryWeight) {
    routeWeights(target, route, service, canary);
    Map<String, Integer> r = routes.get(routeKey(target, route));
    if (canaryWeight < 0) {
      r.remove(canary);
      r.put(service, 1);
      canaryWrites.add("weights back");
    } else {
      r.put(service, 100 - canaryWeight);
      r.put(canary, canaryWeight);
      canaryWrites.add("weight " + canaryWeight);
    }
  }

  @Override
  public synchronized void copyService(
      Target target, String source, String name, Map<String, String> selector) {
    if (!selectors.containsKey(serviceKey(target, source))) {
      throw new ClusterException("service " + source + " not found");
    }
    selectors.put(serviceKey(target, name), new HashMap<>(selector));
    canaryWrites.add("copy-service " + name + " " + new java.util.TreeMap<>(selector));
  }

  @Override
  public synchronized void deleteService(Target target, String name) {
    selectors.remove(serviceKey(target, name));
    canaryWrites.add("delete-service " + name);
  }

  synchronized boolean hasService(Target t, String name) {
    return selectors.containsKey(serviceKey(t, name));
  }

  @Override
  public Subscription watch(Target target, Consumer<RolloutSnapshot> listener) {
    Watcher w = new Watcher(target, listener);
    watchers.add(w);
    listener.accept(current(target));
    if (autoRollOut.contains(target)) {
      rollOut(target);
    }
    return () -> watchers.remove(w);
  }
}
