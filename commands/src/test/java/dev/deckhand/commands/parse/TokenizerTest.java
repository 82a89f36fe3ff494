package dev.deckhand.commands.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {
  @Test
  void splitsOnWhitespaceAndGroupsQuotes() {
    assertThat(Tokenizer.split("  /lock gateway  \"peak hours\" 'a b' “smart q” "))
        .containsExactly("/lock", "gateway", "peak hours", "a b", "smart q");
  }

  @Test
  void keepsEscapedQuotesInsideDoubleQuotes() {
    assertThat(Tokenizer.split("x \"say \\\"hi\\\"\"")).containsExactly("x", "say \"hi\"");
  }

  @Test
  void anEmptyQuotedValueIsAWord() {
    assertThat(Tokenizer.split("a \"\" b")).containsExactly("a", "", "b");
  }
}
