package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {

  @Test
  void readsTheNextLinkAsDistributionWritesIt() {
    assertThat(LinkHeader.next(List.of("</v2/team/app/tags/list?last=b&n=2>; rel=\"next\"")))
        .contains("/v2/team/app/tags/list?last=b&n=2");
  }

  @Test
  void acceptsAbsoluteTargetsUnquotedRelAndOddSpacing() {
    assertThat(LinkHeader.next(List.of("<https://r.example/v2/a/tags/list?last=x>;rel=next")))
        .contains("https://r.example/v2/a/tags/list?last=x");
    assertThat(LinkHeader.next(List.of("  < /v2/a?last=y >  ;  REL = \"Next\" ")))
        .contains("/v2/a?last=y");
  }

  @Test
  void picksNextAmongSeveralLinksInOneOrManyValues() {
    String both = "</v2/a?page=1>; rel=\"prev\"; title=\"a, b\", </v2/a?page=3>; rel=\"next\"";
    assertThat(LinkHeader.next(List.of(both))).contains("/v2/a?page=3");
    assertThat(LinkHeader.next(List.of("</first>; rel=\"first\"", "</n>; rel=\"last next\"")))
        .contains("/n");
  }

  @Test
  void isEmptyWithoutANextLink() {
    assertThat(LinkHeader.next(List.of())).isEmpty();
    assertThat(LinkHeader.next(List.of("</v2/a?page=1>; rel=\"prev\""))).isEmpty();
    assertThat(LinkHeader.next(List.of("garbage without brackets; rel=next"))).isEmpty();
    assertThat(LinkHeader.next(List.of("</unterminated; rel=next"))).isEmpty();
  }
}
