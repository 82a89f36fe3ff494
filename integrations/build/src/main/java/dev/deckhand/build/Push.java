package dev.deckhand.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.deckhand.commands.ports.BuildException;
import dev.deckhand.commands.ports.BuildLog;
import dev.deckhand.commands.ports.BuildRequest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code POST /images/{name}/push}: its status lines, its digest, its refusal. */
final class Push {
  private static final Pattern DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");
  private static final Pattern RETRYING = Pattern.compile("Retrying in (\\d+) seconds?");
  private static final Pattern AUTH_FAILURE =
      Pattern.compile("(?i)\\b(unauthorized|denied|authentication required)\\b");

  private final DockerClient client;
  private final ImageReference reference;
  private final AuthConfig auth;
  private final BuildLog log;
  private final Deque<String> tail = new ArrayDeque<>();
  private volatile String digest;
  private volatile String error;
  private final Map<String, Integer> retrying = new HashMap<>();

  Push(DockerClient client, ImageReference reference, AuthConfig auth, BuildLog log) {
    this.client = client;
    this.reference = reference;
    this.auth = auth;
    this.log = log;
  }

  /**
   * Pushes and returns the manifest digest the engine reported.
   *
   * @throws BuildException when the registry refuses, the engine fails or the deadline passes
   */
  String run(Instant deadline, BuildRequest request) {
    Streamed<PushResponseItem> stream = new Streamed<>(this::accept);
    Streamed.Outcome outcome;
    try {
      client
          .pushImageCmd(reference.repository())
          .withTag(reference.tag())
          .withAuthConfig(auth)
          .exec(stream);
      outcome = stream.await(deadline);
    } catch (ExecutionException e) {
      throw refused(DockerImageBuilder.describe(e.getCause()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException(
          "the push of " + reference + " was interrupted", Optional.empty(), tail());
    } catch (RuntimeException e) {
      throw refused(DockerImageBuilder.describe(e));
    }
    if (outcome == Streamed.Outcome.TIMED_OUT) {
      throw new BuildException(
          "the build outlived its timeout of "
              + DockerImageBuilder.minutes(request.timeout())
              + " while pushing "
              + reference,
          Optional.empty(),
          tail());
    }
    if (error != null) {
      throw refused(error);
    }
    if (digest == null) {
      throw new BuildException(
          "the push of " + reference + " ended without a digest", Optional.empty(), tail());
    }
    return digest;
  }

  private BuildException refused(String why) {
    String hint =
        AUTH_FAILURE.matcher(why).find()
            ? "; check the registry credentials configured for this service"
            : "";
    return new BuildException(
        "the registry refused the push of " + reference + ": " + why + hint,
        Optional.empty(),
        tail());
  }

  private synchronized void accept(PushResponseItem item) {
    if (item.getAux() != null && item.getAux().getDigest() != null) {
      digest = item.getAux().getDigest();
    }
    if (item.isErrorIndicated()) {
      String message =
          item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
              ? item.getErrorDetail().getMessage()
              : item.getError();
      error = message == null ? "an error without a message" : message.strip();
      line(error);
      return;
    }
    // Progress bars ("Pushing [==>  ]") change many times a second; their end states are enough.
    if (item.getStatus() != null && item.getProgress() == null) {
      String status = item.getStatus().strip();
      if (countdown(item.getId(), status)) {
        return;
      }
      line(item.getId() == null ? status : item.getId() + ": " + status);
      Matcher m = DIGEST.matcher(status);
      if (digest == null && m.find()) {
        digest = m.group(1);
      }
    }
  }

  /**
   * Whether {@code status} continues a retry countdown of layer {@code id} ("Retrying in 4 seconds"
   * after "… 5 seconds"): the engine sends one a second, a new round starts higher.
   */
  private boolean countdown(String id, String status) {
    Matcher m = RETRYING.matcher(status);
    if (!m.matches()) {
      retrying.remove(id);
      return false;
    }
    int seconds = Integer.parseInt(m.group(1));
    Integer previous = retrying.put(id, seconds);
    return previous != null && seconds < previous;
  }

  private void line(String line) {
    log.line(line);
    tail.addLast(line);
    if (tail.size() > BuildOutput.TAIL) {
      tail.removeFirst();
    }
  }

  private synchronized List<String> tail() {
    return List.copyOf(tail);
  }
}
