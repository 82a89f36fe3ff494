package dev.deckhand.commands.command;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.EnvironmentSpec;
import dev.deckhand.commands.catalog.PromotionSpec;
import dev.deckhand.commands.catalog.ServiceSpec;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.parse.CommandSpec;
import dev.deckhand.commands.parse.Flag;
import dev.deckhand.commands.parse.UsageException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code /promote <service> <tag-or-digest> --to <env> [--dry-run]}: the digest running and
 * verified in the zone before {@code env} in the catalog's {@code promotion:} chain, deployed to
 * {@code env}; never a rebuild.
 *
 * @param from the zone before {@code environment} in the chain
 * @param tag the tag (or prefix) asked for, when not a digest
 * @param digest the digest asked for ({@code sha256:…}), when not a tag
 */
public record Promote(
    ServiceSpec service,
    EnvironmentSpec environment,
    Target target,
    String from,
    Optional<TagRequest> tag,
    Optional<String> digest,
    boolean dryRun,
    String breakGlass)
    implements OperationCommand {
  /** A content digest as registries give it. */
  public static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  public Promote {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(from, "from");
    Resolve.breakGlassReason(breakGlass);
    if (tag.isPresent() == digest.isPresent()) {
      throw new IllegalArgumentException("a promotion names a tag or a digest");
    }
  }

  static final Flag TO = new Flag("to", "ENV", "the zone to promote to (the next of the chain)");

  public static final CommandSpec SPEC =
      new CommandSpec(
          "promote",
          List.of("<service>", "<tag-or-digest>"),
          List.of(TO, Deploy.DRY_RUN, Deploy.BREAK_GLASS),
          "deploy the digest verified in the previous zone of the promotion chain to the next,"
              + " never a rebuild; move the zone tag",
          "/promote gateway p10e-mmc-20260519 --to prod",
          Promote::parse);

  private static Promote parse(dev.deckhand.commands.parse.Args args, Catalog catalog) {
    ServiceSpec service = Resolve.service(catalog, args.positional(0).orElseThrow());
    PromotionSpec promotion = catalog.promotion();
    if (promotion.chain().isEmpty()) {
      throw new UsageException(
          "this catalog has no promotion chain",
          "add promotion: [staging, prod] to the catalog, or /deploy the tag");
    }
    String chain = String.join(" → ", promotion.chain());
    String to =
        args.flag("to")
            .orElseThrow(
                () ->
                    new UsageException(
                        "/promote needs --to <env>",
                        "the chain is "
                            + chain
                            + ", e.g. /promote "
                            + service.name()
                            + " <tag> --to "
                            + promotion.chain().get(promotion.chain().size() - 1)));
    EnvironmentSpec env = Resolve.environment(catalog, service, Optional.of(to), "promote");
    String from =
        promotion
            .before(env.name())
            .orElseThrow(
                () ->
                    new UsageException(
                        promotion.chain().contains(env.name())
                            ? env.name() + " is the first zone of the chain " + chain
                            : env.name() + " is not in the promotion chain " + chain,
                        "promote into a later zone, or /deploy the tag to "
                            + env.name()
                            + " directly"));
    if (service.target(from).isEmpty()) {
      throw new UsageException(
          service.name() + " does not run in " + from + ", the zone before " + env.name(),
          "/deploy it to " + env.name() + " directly");
    }
    String text = args.positional(1).orElseThrow();
    if (text.equals("latest")) {
      throw new UsageException(
          "'latest' is refused: a promotion moves one fixed build",
          "give the tag or digest running in " + from + ", e.g. /status " + service.name());
    }
    Optional<String> digest =
        text.startsWith("sha256:") ? Optional.of(digest(text)) : Optional.empty();
    Optional<TagRequest> tag =
        digest.isPresent() ? Optional.empty() : Optional.of(TagRequest.of(text, service, env));
    return new Promote(
        service,
        env,
        Resolve.target(service, env),
        from,
        tag,
        digest,
        args.has("dry-run"),
        args.flag("break-glass").orElse(""));
  }

  private static String digest(String text) {
    if (!DIGEST.matcher(text).matches()) {
      throw new UsageException(
          "'" + text + "' is not a sha256 digest", "give sha256: and 64 hex digits, or a tag");
    }
    return text;
  }

  /** What was asked: the tag or the digest. */
  public String asked() {
    return tag.map(TagRequest::text).orElseGet(digest::orElseThrow);
  }

  @Override
  public String action() {
    return "promote";
  }
}
