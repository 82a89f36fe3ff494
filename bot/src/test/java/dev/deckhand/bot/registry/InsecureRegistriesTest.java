package dev.deckhand.bot.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.catalog.Catalog;
import dev.deckhand.commands.catalog.RegistrySpec;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InsecureRegistriesTest {
  @Test
  void everyInsecureRegistryIsNamedAndNoOtherOne() {
    Map<String, RegistrySpec> registries = new LinkedHashMap<>();
    registries.put(
        "default", new RegistrySpec("default", URI.create("https://r.example"), "u", "p"));
    registries.put(
        "lab",
        new RegistrySpec("lab", URI.create("http://lab.internal:5000"), "u", "p", true, List.of()));
    Catalog catalog = Catalog.builder().registries(registries).build();

    assertThat(InsecureRegistries.warn(catalog))
        .containsExactly(
            "INSECURE: registry lab at http://lab.internal:5000 is marked insecure: true; its"
                + " credentials may travel over plain http. Use https and remove insecure: true.");
  }
}
