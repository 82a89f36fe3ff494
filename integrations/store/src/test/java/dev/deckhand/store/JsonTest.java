package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void escapesWhatJsonRequiresAndKeepsOneLine() {
    String nasty = "\"\\/\b\f\n\r\t\u0000\u001f\u007f\u2028\u2029é\uD83D\uDE80";

    String json = new Json().string("s", nasty).number("n", 42L).string("z", null).toString();

    assertThat(json).doesNotContain("\n", "\r", "\u2028", "\u2029", "\u0000");
    assertThat(json)
        .isEqualTo(
            "{\"s\":\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0000\\u001f\u007f\\u2028\\u2029é\uD83D\uDE80\","
                + "\"n\":42,\"z\":null}");
    Map<String, Object> parsed = JsonTestParser.parseObject(json);
    assertThat(parsed).containsEntry("s", nasty).containsEntry("n", 42L).containsEntry("z", null);
  }

  @Test
  void loneSurrogatesAreEscapedSoTheyRoundTrip() {
    String lone = "a\uD83Db\uDE80";

    String json = new Json().string("s", lone).toString();

    assertThat(json).isEqualTo("{\"s\":\"a\\ud83db\\ude80\"}");
    assertThat(JsonTestParser.parseObject(json)).containsEntry("s", lone);
  }

  @Test
  void emptyObject() {
    assertThat(new Json().toString()).isEqualTo("{}");
  }
}
