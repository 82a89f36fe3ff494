package dev.deckhand.bot.console;

import dev.deckhand.bot.GoldenFiles;
import dev.deckhand.bot.render.ReplySamples;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for every reply kind. To accept a deliberate change, run with {@code
 * -Dgolden.update=true} and review the diff.
 */
class ConsoleRendererTest {
  private static final GoldenFiles GOLDEN = new GoldenFiles("console");
  private final ConsoleRenderer renderer = new ConsoleRenderer();

  static List<String> kinds() {
    return List.copyOf(samples().keySet());
  }

  static Map<String, Reply> samples() {
    return ReplySamples.all(new Actor("console", "alice", "alice"));
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void rendersEveryReplyKindAsItsGoldenFile(String kind) throws IOException {
    String rendered = String.join("\n", renderer.render(samples().get(kind))) + "\n";
    GOLDEN.assertMatches(kind + ".txt", rendered);
  }
}
