package dev.deckhand.bot.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.RegistrySpec;
import dev.deckhand.kubesim.SimRegistry;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

class CatalogRegistriesIT {
  @Test
  void eachServiceImageIsReadFromTheRegistryItsCatalogEntryNames() {
    try (SimRegistry main = SimRegistry.start();
        SimRegistry mirror = SimRegistry.start()) {
      main.addTags("team/api", "1.0.0");
      main.addTags("team/web", "2.0.0");
      mirror.addTags("team/api", "9.9.9");
      Map<String, RegistrySpec> registries = new LinkedHashMap<>();
      registries.put(
          "default", new RegistrySpec("default", URI.create(main.baseUrl()), null, null));
      registries.put(
          "mirror", new RegistrySpec("mirror", URI.create(mirror.baseUrl()), null, null));

      CatalogRegistries routed =
          new CatalogRegistries(
              registries, Map.of("team/api", "mirror"), ForkJoinPool.commonPool());

      assertThat(routed.tags("team/api")).containsExactly("9.9.9");
      assertThat(routed.digest("team/api", "9.9.9")).contains(mirror.digestOf("team/api", "9.9.9"));
      assertThat(routed.tags("team/web")).containsExactly("2.0.0");
      assertThat(routed.digest("team/web", "1.0.0")).isEmpty();
    }
  }
}
