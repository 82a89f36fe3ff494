package dev.deckhand.bot.registry;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.RegistrySpec;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Names, loudly and at every start, each registry the catalog marks {@code insecure: true}: its
 * credentials may cross the network in clear. Pure but for the log.
 */
public final class InsecureRegistries {
  private static final Logger log = LoggerFactory.getLogger(InsecureRegistries.class);

  private InsecureRegistries() {}

  /** Logs one WARN per insecure registry (the log's stderr appender shows it); returns them. */
  public static List<String> warn(Catalog catalog) {
    List<String> warnings =
        catalog.registries().values().stream()
            .filter(RegistrySpec::insecure)
            .map(InsecureRegistries::warning)
            .toList();
    warnings.forEach(log::warn);
    return warnings;
  }

  private static String warning(RegistrySpec r) {
    return "INSECURE: registry "
        + r.name()
        + " at "
        + r.url()
        + " is marked insecure: true; "
        + (r.username() == null
            ? "it has no credentials today, but any it is given may travel"
            : "its credentials may travel")
        + " over plain http. Use https and remove insecure: true.";
  }
}
