package dev.deckhand.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.deckhand.commands.ports.BuildException;
import dev.deckhand.commands.ports.BuildLog;
import dev.deckhand.commands.ports.BuildRequest;
import dev.deckhand.commands.ports.BuildResult;
import dev.deckhand.commands.ports.ImageBuilder;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ImageBuilder} on the Docker Engine API through docker-java: {@code POST /build} with the
 * classic builder (its {@code Step N/M : …} lines become {@link BuildLog#step}), then {@code POST
 * /images/{name}/push} for every reference, then the local tags are removed (best effort).
 *
 * <p>The engine is named by the constructor alone ({@code unix:///run/docker.sock} or {@code
 * tcp://127.0.0.1:2375}, plain, no TLS): no environment variable, {@code ~/.docker} file or docker
 * context is read. Base images are never pulled ({@code pull=false}): they come from the engine's
 * cache. Thread-safe: builds may run concurrently. The password of a request is sent to the engine
 * only, in its {@code X-Registry-Auth} header, and never logged.
 */
public final class DockerImageBuilder implements ImageBuilder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DockerImageBuilder.class);

  private final URI engine;
  private final DockerClient client;
  private final DockerClient pinger;

  /**
   * @param engine {@code unix:///path/to/docker.sock} or {@code tcp://host:port}
   */
  public DockerImageBuilder(URI engine) {
    String scheme = engine.getScheme();
    if (!"unix".equals(scheme) && !"tcp".equals(scheme)) {
      throw new IllegalArgumentException(
          "a Docker engine is unix:///path/to/docker.sock or tcp://host:port, not " + engine);
    }
    this.engine = engine;
    this.client = client(engine, null);
    // A build may stay silent for minutes (a long RUN); a ping that does not answer is a dead
    // engine.
    this.pinger = client(engine, Duration.ofSeconds(15));
  }

  private static DockerClient client(URI engine, Duration responseTimeout) {
    DefaultDockerClientConfig config =
        new DefaultDockerClientConfig.Builder()
            .withDockerHost(engine.toString())
            .withDockerTlsVerify(false)
            .build();
    ZerodepDockerHttpClient http =
        new ZerodepDockerHttpClient.Builder()
            .dockerHost(engine)
            .connectionTimeout(Duration.ofSeconds(10))
            .responseTimeout(responseTimeout)
            .build();
    return DockerClientImpl.getInstance(config, http);
  }

  @Override
  public BuildResult build(BuildRequest request, BuildLog log) {
    Instant deadline = Instant.now().plus(request.timeout());
    List<ImageReference> references = references(request);
    File dockerfile = dockerfile(request);
    ping();
    try {
      buildImage(request, dockerfile, references, log, deadline);
      refuseOtherPlatform(request, references.get(0));
      String digest = null;
      for (ImageReference reference : references) {
        String pushed = new Push(client, reference, auth(request), log).run(deadline, request);
        if (digest == null) {
          digest = pushed;
        } else if (!digest.equals(pushed)) {
          // Registries may store the same image under another manifest; the first one is reported.
          LOG.warn("{} was pushed as {}, the first reference as {}", reference, pushed, digest);
        }
      }
      LOG.info("built and pushed {} ({})", request.references(), digest);
      return new BuildResult(digest, request.references());
    } finally {
      removeLocal(references);
    }
  }

  /**
   * The engine may build for another platform than asked (a {@code FROM --platform=…} stage, an
   * engine that ignores the option): such an image is never pushed.
   */
  private void refuseOtherPlatform(BuildRequest request, ImageReference built) {
    String platform;
    try {
      var image = client.inspectImageCmd(built.toString()).exec();
      platform = image.getOs() + "/" + image.getArch();
    } catch (RuntimeException e) {
      throw new BuildException(
          "cannot inspect the image just built (" + built + "): " + e.getMessage(), e);
    }
    if (!platform.equals(request.platform())) {
      throw new BuildException(
          "the engine built a "
              + platform
              + " image, not "
              + request.platform()
              + "; nothing was pushed",
          java.util.Optional.empty(),
          List.of());
    }
  }

  private void buildImage(
      BuildRequest request,
      File dockerfile,
      List<ImageReference> references,
      BuildLog log,
      Instant deadline) {
    BuildOutput output = new BuildOutput(log);
    Streamed<BuildResponseItem> stream = new Streamed<>(output::accept);
    Set<String> tags = new LinkedHashSet<>();
    references.forEach(r -> tags.add(r.toString()));
    Streamed.Outcome outcome;
    try (BuildImageCmd command = client.buildImageCmd()) {
      command
          .withBaseDirectory(context(request).toFile())
          .withDockerfile(dockerfile)
          .withTags(tags)
          .withLabels(request.labels())
          .withPlatform(request.platform())
          .withPull(false)
          .withRemove(true)
          .withForcerm(true);
      request.target().ifPresent(command::withTarget);
      request.buildArgs().forEach(command::withBuildArg);
      command.exec(stream);
      outcome = stream.await(deadline);
    } catch (ExecutionException e) {
      output.flush();
      throw new BuildException(
          "the Docker engine at " + engine + " broke off the build: " + describe(e.getCause()),
          output.step(),
          output.tail());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("the build was interrupted", output.step(), output.tail());
    } catch (RuntimeException e) {
      throw new BuildException(
          "cannot send the build context " + request.context() + ": " + describe(e), e);
    }
    output.flush();
    if (outcome == Streamed.Outcome.TIMED_OUT) {
      throw new BuildException(
          "the build outlived its timeout of "
              + minutes(request.timeout())
              + output.step().map(s -> " (still at " + s + ")").orElse(""),
          output.step(),
          output.tail());
    }
    Optional<String> error = output.error();
    if (error.isPresent()) {
      throw new BuildException(
          output.step().map(s -> "the build failed at " + s + ": ").orElse("the build failed: ")
              + error.get(),
          output.step(),
          output.tail());
    }
    if (output.imageId().isEmpty()) {
      throw new BuildException(
          "the Docker engine at " + engine + " ended the build without reporting an image",
          output.step(),
          output.tail());
    }
  }

  private void ping() {
    try {
      pinger.pingCmd().exec();
    } catch (RuntimeException e) {
      throw new BuildException(
          "cannot reach the Docker engine at " + engine + ": " + describe(e), e);
    }
  }

  private void removeLocal(List<ImageReference> references) {
    for (ImageReference reference : references) {
      try {
        client.removeImageCmd(reference.toString()).withForce(true).exec();
      } catch (RuntimeException e) {
        // Best effort: a failed build leaves no tag, and a leftover image only costs disk.
        LOG.debug("could not remove the local image {}: {}", reference, e.toString());
      }
    }
  }

  private static List<ImageReference> references(BuildRequest request) {
    List<ImageReference> references = new ArrayList<>();
    for (String reference : request.references()) {
      try {
        references.add(ImageReference.parse(reference));
      } catch (IllegalArgumentException e) {
        throw new BuildException(e.getMessage(), Optional.empty(), List.of());
      }
    }
    return references;
  }

  private static Path context(BuildRequest request) {
    return request.context().toAbsolutePath().normalize();
  }

  private static File dockerfile(BuildRequest request) {
    Path context = context(request);
    if (!Files.isDirectory(context)) {
      throw new BuildException(
          "the build context " + context + " is not a directory", Optional.empty(), List.of());
    }
    Path dockerfile = context.resolve(request.dockerfile()).normalize();
    if (!dockerfile.startsWith(context)) {
      throw new BuildException(
          "the Dockerfile '" + request.dockerfile() + "' lies outside the build context",
          Optional.empty(),
          List.of());
    }
    if (!Files.isRegularFile(dockerfile)) {
      throw new BuildException(
          "no Dockerfile '" + request.dockerfile() + "' in the build context " + context,
          Optional.empty(),
          List.of());
    }
    return dockerfile.toFile();
  }

  private static AuthConfig auth(BuildRequest request) {
    AuthConfig auth = new AuthConfig();
    if (request.username() != null) {
      auth.withUsername(request.username()).withPassword(request.password());
    }
    return auth;
  }

  static String minutes(Duration timeout) {
    return timeout.toMinutes() >= 1
        ? timeout.toMinutes() + " min"
        : Math.max(1, timeout.toSeconds()) + " s";
  }

  /** The innermost message of a failure, with its kind when it has no message. */
  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank() ? root.getClass().getSimpleName() : message.strip();
  }

  @Override
  public void close() {
    for (DockerClient each : List.of(client, pinger)) {
      try {
        each.close();
      } catch (IOException e) {
        LOG.debug("closing a Docker client: {}", e.toString());
      }
    }
  }
}
