package dev.deckhand.kubernetes;

import dev.deckhand.commands.exec.ExecRequest;
import dev.deckhand.commands.exec.ExecResult;
import dev.deckhand.commands.exec.PodSelector;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code kubectl exec} through fabric8's exec WebSocket: finds the pod (the newest running and
 * ready one of a Deployment's or StatefulSet's selector, or one by name), runs the argv in the
 * container without a shell, writes the stdin, and waits for the exit code up to the request's
 * timeout. Outputs are kept up to {@link ExecResult#LIMIT} bytes each. Blocking; thread-safe.
 */
final class PodExec {
  private final KubernetesClient client;

  PodExec(KubernetesClient client) {
    this.client = client;
  }

  ExecResult exec(Target t, ExecRequest r) {
    String pod = pod(t, r.pod());
    Bounded out = new Bounded();
    Bounded err = new Bounded();
    byte[] stdin = r.stdin();
    String[] argv = r.argv().toArray(String[]::new);
    String where = r.pod() + " (pod " + pod + ") in " + t.namespace() + ", cluster " + t.cluster();
    var op = client.pods().inNamespace(t.namespace()).withName(pod).inContainer(r.container());
    try (ExecWatch watch =
        stdin.length > 0
            ? op.redirectingInput().writingOutput(out).writingError(err).exec(argv)
            : op.writingOutput(out).writingError(err).exec(argv)) {
      if (stdin.length > 0) {
        OutputStream in = watch.getInput();
        in.write(stdin);
        in.flush();
      }
      Integer code = watch.exitCode().get(r.timeout().toMillis(), TimeUnit.MILLISECONDS);
      if (code == null || code < 0) {
        throw new ClusterException(
            "the exec of " + r.argv().get(0) + " in " + where + " ended without an exit code");
      }
      return new ExecResult(code, out.text(), err.text(), out.truncated() || err.truncated());
    } catch (TimeoutException e) {
      throw new ClusterException(
          r.argv().get(0)
              + " did not end within "
              + r.timeout().toMinutes()
              + " min in "
              + where
              + "; Deckhand stopped waiting (it may still run there)",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while exec'ing in " + where, e);
    } catch (ExecutionException e) {
      throw new ClusterException(
          "the exec in " + where + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (KubernetesClientException e) {
      throw new ClusterException("cannot exec in " + where + ": " + Failures.reason(e), e);
    } catch (IOException e) {
      throw new ClusterException("cannot write the input of the exec in " + where + ": " + e, e);
    }
  }

  /** The pod's name: as given, or the newest running and ready pod of the workload. */
  private String pod(Target t, PodSelector s) {
    String ns = t.namespace();
    try {
      if (s.kind() == PodSelector.Kind.POD) {
        Pod p = client.pods().inNamespace(ns).withName(s.name()).get();
        if (p == null) {
          throw new ClusterException(
              "pod " + ns + "/" + s.name() + " not found in cluster " + t.cluster());
        }
        return s.name();
      }
      LabelSelector selector =
          s.kind() == PodSelector.Kind.DEPLOYMENT
              ? selector(client.apps().deployments().inNamespace(ns).withName(s.name()).get(), t, s)
              : selector(
                  client.apps().statefulSets().inNamespace(ns).withName(s.name()).get(), t, s);
      Map<String, String> labels =
          selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
      List<Pod> pods = client.pods().inNamespace(ns).withLabels(labels).list().getItems();
      return pods.stream()
          .filter(PodExec::ready)
          .max(
              Comparator.comparing(
                      (Pod p) -> String.valueOf(p.getMetadata().getCreationTimestamp()))
                  .thenComparing(p -> p.getMetadata().getName()))
          .map(p -> p.getMetadata().getName())
          .orElseThrow(
              () ->
                  new ClusterException(
                      "no running and ready pod of "
                          + s
                          + " in "
                          + ns
                          + ", cluster "
                          + t.cluster()
                          + " ("
                          + pods.size()
                          + " found)"));
    } catch (KubernetesClientException e) {
      throw new ClusterException(
          "while finding the pod of "
              + s
              + " in "
              + ns
              + ", cluster "
              + t.cluster()
              + ": "
              + Failures.reason(e),
          e);
    }
  }

  private static LabelSelector selector(
      io.fabric8.kubernetes.api.model.HasMetadata workload, Target t, PodSelector s) {
    if (workload == null) {
      throw new ClusterException(
          s.kind().word()
              + " "
              + t.namespace()
              + "/"
              + s.name()
              + " not found in cluster "
              + t.cluster());
    }
    LabelSelector selector =
        workload instanceof io.fabric8.kubernetes.api.model.apps.Deployment d
            ? d.getSpec().getSelector()
            : ((io.fabric8.kubernetes.api.model.apps.StatefulSet) workload).getSpec().getSelector();
    if (selector == null
        || selector.getMatchLabels() == null
        || selector.getMatchLabels().isEmpty()) {
      throw new ClusterException(s + " has no matchLabels selector to find its pods by");
    }
    return selector;
  }

  private static boolean ready(Pod p) {
    if (p.getMetadata().getDeletionTimestamp() != null
        || p.getStatus() == null
        || !"Running".equals(p.getStatus().getPhase())) {
      return false;
    }
    return p.getStatus().getConditions() == null
        || p.getStatus().getConditions().stream()
            .filter(c -> "Ready".equals(c.getType()))
            .allMatch(c -> "True".equals(c.getStatus()));
  }

  /** Keeps the first {@link ExecResult#LIMIT} bytes, counts the rest. */
  private static final class Bounded extends OutputStream {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean truncated;

    @Override
    public synchronized void write(int b) {
      if (kept.size() < ExecResult.LIMIT) {
        kept.write(b);
      } else {
        truncated = true;
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int room = Math.max(0, ExecResult.LIMIT - kept.size());
      kept.write(b, off, Math.min(room, len));
      truncated |= len > room;
    }

    synchronized String text() {
      return kept.toString(StandardCharsets.UTF_8);
    }

    synchronized boolean truncated() {
      return truncated;
    }
  }
}
