package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MiniJsonTest {

  @Test
  void readsATagList() {
    Map<String, Object> json = MiniJson.object("{\"name\":\"team/app\",\"tags\":[\"v1\",\"v2\"]}");

    assertThat(json).containsEntry("name", "team/app").containsEntry("tags", List.of("v1", "v2"));
  }

  @Test
  void readsATokenResponseWithNumbersLiteralsAndNesting() {
    Map<String, Object> json =
        MiniJson.object(
            " {\"token\": \"a.b\\/c\\u0041\\n\", \"expires_in\": 300, \"ok\": true,"
                + " \"nested\": {\"x\": [1.5e2, null, false]}, \"issued_at\": null}\n");

    assertThat(json.get("token")).isEqualTo("a.b/cA\n");
    assertThat(json.get("expires_in")).isEqualTo(new BigDecimal(300));
    assertThat(json.get("ok")).isEqualTo(true);
    assertThat(json.get("nested"))
        .isEqualTo(Map.of("x", Arrays.asList(new BigDecimal("1.5e2"), null, false)));
    assertThat(json).containsEntry("issued_at", null);
  }

  @Test
  void readsEmptyContainers() {
    assertThat(MiniJson.object("{}")).isEmpty();
    assertThat(MiniJson.parse("[ ]")).isEqualTo(List.of());
  }

  @Test
  void rejectsMalformedInputWithoutEchoingIt() {
    for (String bad :
        List.of(
            "",
            "{",
            "{\"a\"}",
            "{\"a\":}",
            "[1,]",
            "{\"a\":1} x",
            "\"\\q\"",
            "\"open",
            "tru",
            "\"\\u12\"",
            "{a:1}",
            "[".repeat(100) + "]".repeat(100))) {
      assertThatThrownBy(() -> MiniJson.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("malformed JSON at offset");
    }
    assertThatThrownBy(() -> MiniJson.object("[1]")).isInstanceOf(IllegalArgumentException.class);
  }
}
