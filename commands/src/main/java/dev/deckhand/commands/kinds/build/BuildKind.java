package dev.deckhand.commands.kinds.build;

import dev.deckhand.commands.catalog.BuildSpec;
import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.command.Build;
import dev.deckhand.commands.engine.OperationRun;
import dev.deckhand.commands.kind.OperationKind;
import dev.deckhand.commands.kind.Plan;
import dev.deckhand.commands.kind.Proposal;
import dev.deckhand.commands.kind.Step;
import dev.deckhand.commands.kind.Tools;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepState;
import dev.deckhand.commands.parse.UsageException;
import dev.deckhand.commands.ports.BuildException;
import dev.deckhand.commands.ports.BuildRequest;
import dev.deckhand.commands.ports.BuildResult;
import dev.deckhand.commands.ports.Builds;
import dev.deckhand.commands.ports.Checkout;
import dev.deckhand.commands.ports.ImageConfig;
import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.RegistryException;
import dev.deckhand.commands.ports.SourceException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /build}: a git ref of the service's repository checked out (JGit, through {@link
 * dev.deckhand.commands.ports.SourceCheckout}), built and pushed by the container engine under the
 * tag the service's pattern gives, then the pushed image's config read back from the registry: a
 * build is done only when its architecture is the one asked for. The build log streams under the
 * live message, the step being built in it.
 *
 * <p>The commit is fixed when planning, so a branch that moves meanwhile does not change what an
 * approver approved. A commit already built (its tag is in the registry) is not built again. A
 * build holds no service lock and changes no environment; its timeline entry names what was pushed,
 * which {@code /promote} never takes for a verified deploy.
 */
public final class BuildKind implements OperationKind<Build, BuildParams> {
  public static final String NAME = "build";
  public static final Step CHECKOUT = Step.of("checkout", Step.Resume.PLANNED);

  /** Build and push: repeating it builds the same commit and pushes the same tag again. */
  public static final Step BUILD = Step.of("build", Step.Resume.REPEAT);

  /** The pushed image's platform read back from the registry. */
  public static final Step PLATFORM = Step.of("platform", Step.Resume.REPEAT);

  public static final Registration REGISTRATION = new Registration(Build.SPEC, BuildKind::new);

  /** Builds block a thread each while they run: their own, not the engine's workers. */
  private static final ExecutorService BUILDS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "deckhand-build");
            t.setDaemon(true);
            return t;
          });

  private final Catalog catalog;
  private final ImageRegistry registry;
  private final Builds builds;
  private final Clock clock;

  public BuildKind(Tools tools) {
    this.catalog = tools.catalog();
    this.registry = tools.registry();
    this.builds = tools.builds();
    this.clock = tools.clock();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Class<Build> command() {
    return Build.class;
  }

  @Override
  public Map<String, String> write(BuildParams p) {
    return p.write();
  }

  @Override
  public BuildParams read(int version, Map<String, String> fields) {
    if (version != 1) {
      throw new IllegalArgumentException("build parameters of version " + version);
    }
    return BuildParams.read(fields);
  }

  @Override
  public List<Step> steps() {
    return List.of(CHECKOUT, BUILD, PLATFORM);
  }

  /** A build locks no service. */
  @Override
  public List<String> locked(Plan<BuildParams> plan) {
    return List.of();
  }

  @Override
  public Proposal<BuildParams> propose(Build b) {
    if (!builds.configured()) {
      throw new UsageException(
          "no Docker engine is configured, so nothing can be built here",
          "add docker: {host: unix:///var/run/docker.sock} (or tcp://host:2376) to the catalog,"
              + " or push the image from CI and /deploy its tag");
    }
    ServiceSpec service = b.service();
    BuildSpec spec = service.buildSpec().orElseThrow();
    String commit;
    String subject;
    try (Checkout tree = checkout(spec, b.ref())) {
      if (!Files.isRegularFile(tree.directory().resolve(spec.dockerfile()))) {
        throw new UsageException(
            "there is no " + spec.dockerfile() + " at " + tree.shortSha() + " (" + b.ref() + ")",
            "build a ref that has it, or fix build.dockerfile of " + service.name());
      }
      commit = tree.commit();
      subject = tree.shortSha();
    }
    String tag = spec.tagFor(commit, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    if (!service.acceptsTag(tag)) {
      throw new UsageException(
          "the build tag "
              + tag
              + " does not fit "
              + service.name()
              + "'s pattern "
              + service.tagPattern(),
          "make build.tag and tag-pattern agree, or /deploy could never take this build");
    }
    Optional<String> existing = registry.digest(service.image(), tag);
    if (existing.isPresent()) {
      return Proposal.nothingToDo(
          new Reply.Text(
              service.name()
                  + " "
                  + b.ref()
                  + " ("
                  + subject
                  + ") is already built: "
                  + tag
                  + "@"
                  + existing.get().substring(0, 19)
                  + ". /deploy "
                  + service.name()
                  + " "
                  + tag));
    }
    String image = service.image() + ":" + tag;
    return Proposal.of(
        "build " + service.name() + " " + b.ref() + " → " + tag,
        new BuildParams(b.ref(), commit, image, spec.platform()),
        List.of(
            CHECKOUT.done("check out " + b.ref(), "commit " + commit.substring(0, 12)),
            BUILD.pending(
                "build "
                    + spec.dockerfile()
                    + spec.target().map(t -> " (stage " + t + ")").orElse("")
                    + " for "
                    + spec.platform()
                    + " and push "
                    + image),
            PLATFORM.pending("check the pushed image is " + spec.platform())));
  }

  private Checkout checkout(BuildSpec spec, String ref) {
    try {
      return builds.sources().checkout(spec.repository(), ref);
    } catch (SourceException e) {
      throw new UsageException(
          e.getMessage(), "give a branch, a tag or a commit of the repository");
    }
  }

  /** The commit stays as planned; a build is bound to it. */
  @Override
  public BuildParams replan(Plan<BuildParams> planned) {
    return planned.params();
  }

  @Override
  public String canonical(BuildParams p) {
    return p.commit() + "\n" + p.image() + "\n" + p.platform();
  }

  @Override
  public String difference(BuildParams before, BuildParams now) {
    return "the commit is now " + now.commit();
  }

  @Override
  public Change change(Plan<BuildParams> plan, OperationState end) {
    BuildParams p = plan.params();
    return new Change("", end == OperationState.SUCCEEDED ? "built " + p.image() : "");
  }

  @Override
  public CompletableFuture<OperationState> run(
      OperationRun run, Plan<BuildParams> plan, Step from) {
    if (from.equals(BUILD)) {
      return CompletableFuture.supplyAsync(() -> buildAndCheck(run, plan), BUILDS);
    }
    if (from.equals(PLATFORM)) {
      // Resumed after the push: the digest was not kept, so read the tag's again.
      return CompletableFuture.supplyAsync(
          () -> {
            BuildParams p = plan.params();
            String tag = p.image().substring(p.image().lastIndexOf(':') + 1);
            Optional<String> digest = registry.digest(imageName(p), tag);
            if (digest.isEmpty()) {
              run.stop(PLATFORM, "the pushed tag " + tag + " is gone from the registry");
              return OperationState.FAILED;
            }
            return checkPlatform(run, p, digest.get());
          },
          BUILDS);
    }
    throw new IllegalArgumentException("a build does not run from " + from.name());
  }

  private OperationState buildAndCheck(OperationRun run, Plan<BuildParams> plan) {
    BuildParams p = plan.params();
    ServiceSpec service =
        catalog
            .service(plan.service())
            .orElseThrow(() -> new IllegalStateException("no service " + plan.service()));
    BuildSpec spec =
        service
            .buildSpec()
            .orElseThrow(
                () ->
                    new UsageException(
                        service.name() + " no longer has a build: in the catalog",
                        "nothing was built; check the catalog"));
    run.step(BUILD, StepState.RUNNING, "checking out " + p.commit().substring(0, 12));
    BuildLogStream log = new BuildLogStream(run, BUILD, clock);
    BuildResult result;
    try (Checkout tree = builds.sources().checkout(spec.repository(), p.commit())) {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put(ImageConfig.REVISION, tree.commit());
      labels.put("org.opencontainers.image.ref.name", p.ref());
      result =
          builds
              .builder()
              .build(
                  new BuildRequest(
                      tree.directory(),
                      spec.dockerfile(),
                      spec.target(),
                      spec.args(),
                      spec.platform(),
                      labels,
                      List.of(p.image()),
                      null,
                      null,
                      spec.timeout()),
                  log);
    } catch (BuildException e) {
      log.failed(e);
      run.stop(
          BUILD,
          e.step().map(s -> "failed at " + s + ": ").orElse("failed: ")
              + e.getMessage()
              + "; nothing was pushed");
      return OperationState.FAILED;
    } catch (SourceException e) {
      log.flush();
      run.stop(BUILD, "cannot check out " + p.commit() + ": " + e.getMessage());
      return OperationState.FAILED;
    }
    log.flush();
    run.step(BUILD, StepState.DONE, "pushed " + p.image() + "@" + result.digest().substring(0, 19));
    return checkPlatform(run, p, result.digest());
  }

  private OperationState checkPlatform(OperationRun run, BuildParams p, String digest) {
    run.step(PLATFORM, StepState.RUNNING, "reading the image config of " + digest.substring(0, 19));
    Optional<ImageConfig> config;
    try {
      config = registry.config(imageName(p), digest);
    } catch (RegistryException e) {
      run.stop(PLATFORM, "cannot read the pushed image's config: " + e.getMessage());
      return OperationState.FAILED;
    }
    if (config.isEmpty()) {
      run.stop(PLATFORM, "the registry has no manifest " + digest.substring(0, 19));
      return OperationState.FAILED;
    }
    if (!config.get().platform().equals(p.platform())) {
      run.stop(
          PLATFORM,
          "the pushed image is "
              + config.get().platform()
              + ", not "
              + p.platform()
              + ": it would fail with 'exec format error' there; do not deploy "
              + p.image());
      return OperationState.FAILED;
    }
    run.step(
        PLATFORM,
        StepState.DONE,
        config.get().platform()
            + ", digest "
            + digest
            + config.get().revision().map(r -> ", revision " + r.substring(0, 7)).orElse(""));
    return OperationState.SUCCEEDED;
  }

  private static String imageName(BuildParams p) {
    return p.image().substring(0, p.image().lastIndexOf(':'));
  }
}
