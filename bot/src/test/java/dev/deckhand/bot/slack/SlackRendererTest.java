package dev.deckhand.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.util.json.GsonFactory;
import dev.deckhand.bot.GoldenFiles;
import dev.deckhand.bot.render.ReplySamples;
import dev.deckhand.commands.chat.Reply;
import dev.deckhand.commands.model.Actor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files (Block Kit JSON as the SDK sends it, pretty-printed) for every reply kind. To accept
 * a deliberate change, run with {@code -Dgolden.update=true} and review the diff.
 */
class SlackRendererTest {
  private static final GoldenFiles GOLDEN = new GoldenFiles("slack");
  private static final Gson GSON =
      GsonFactory.createSnakeCase().newBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  private final SlackRenderer renderer = new SlackRenderer();

  static List<String> kinds() {
    return List.copyOf(samples().keySet());
  }

  static Map<String, Reply> samples() {
    Map<String, Reply> samples =
        new LinkedHashMap<>(ReplySamples.all(new Actor("slack", "U024BE7LH", "alice")));
    samples.put("text-escaped", new Reply.Text("<!channel> & <@U1> stay plain text"));
    return samples;
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void rendersEveryReplyKindAsItsGoldenFile(String kind) throws IOException {
    SlackMessage message = renderer.render(samples().get(kind));
    JsonObject json = new JsonObject();
    json.addProperty("text", message.text());
    json.add("blocks", GSON.toJsonTree(message.blocks()));
    String rendered = GSON.toJson(json) + "\n";
    GOLDEN.assertMatches(kind + ".json", rendered);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void staysWithinSlackLimits(String kind) {
    SlackMessage message = renderer.render(samples().get(kind));
    assertThat(message.blocks()).isNotEmpty().hasSizeLessThanOrEqualTo(SlackRenderer.MAX_BLOCKS);
    assertThat(message.text()).isNotBlank().hasSizeLessThanOrEqualTo(SlackRenderer.MAX_SECTION);
    for (LayoutBlock block : message.blocks()) {
      if (block instanceof SectionBlock s && s.getText() != null) {
        assertThat(s.getText().getText()).hasSizeLessThanOrEqualTo(SlackRenderer.MAX_SECTION);
      }
    }
  }

  @Test
  void aLongListingSplitsIntoSectionsAndKeepsEveryLine() {
    Reply.Listing listing = (Reply.Listing) samples().get("listing-long");
    List<LayoutBlock> blocks = renderer.render(listing).blocks();
    assertThat(blocks).hasSizeGreaterThan(2);
    List<String> lines = new ArrayList<>();
    blocks.stream()
        .skip(1)
        .forEach(b -> lines.addAll(List.of(((SectionBlock) b).getText().getText().split("\n"))));
    assertThat(lines).isEqualTo(listing.lines());
  }

  @Test
  void aStepListTooLongForOneSectionIsCutAndSaysHowManyAreLeft() {
    SlackMessage message = renderer.render(samples().get("operation-many-steps"));
    String steps = ((SectionBlock) message.blocks().get(2)).getText().getText();
    assertThat(steps).hasSizeLessThanOrEqualTo(3000).containsPattern("\n… \\d+ more steps$");
    String header = GSON.toJson(message.blocks().get(0));
    assertThat(header).contains("…");
  }

  @Test
  void cutsToTheLimitWithAnEllipsisAndNeverSplitsASurrogatePair() {
    assertThat(dev.deckhand.bot.render.RenderedText.cut("abcdef", 4)).isEqualTo("abc…");
    assertThat(dev.deckhand.bot.render.RenderedText.cut("abcdef", 6)).isEqualTo("abcdef");
    assertThat(dev.deckhand.bot.render.RenderedText.cut("ab✅😀cd", 5)).isEqualTo("ab✅…");
  }
}
