package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

  @Test
  void parsesABearerChallengeWithCommasInsideQuotes() {
    List<AuthChallenge> parsed =
        AuthChallenge.parse(
            "Bearer realm=\"https://auth.example/token\",service=\"registry.example\","
                + "scope=\"repository:team/app:pull,push\"");

    assertThat(parsed)
        .containsExactly(
            new AuthChallenge(
                "Bearer",
                Map.of(
                    "realm", "https://auth.example/token",
                    "service", "registry.example",
                    "scope", "repository:team/app:pull,push")));
  }

  @Test
  void lowerCasesNamesAndUnescapesQuotedValues() {
    AuthChallenge c = AuthChallenge.parse("bearer Realm = \"a\\\"b\" , Service=plain").get(0);

    assertThat(c.isBearer()).isTrue();
    assertThat(c.param("realm")).contains("a\"b");
    assertThat(c.param("service")).contains("plain");
    assertThat(c.param("scope")).isEmpty();
  }

  @Test
  void splitsSeveralChallengesInOneValue() {
    List<AuthChallenge> parsed =
        AuthChallenge.parse("Basic realm=\"Registry\", Bearer realm=\"http://t/token\"");

    assertThat(parsed).extracting(AuthChallenge::scheme).containsExactly("Basic", "Bearer");
    assertThat(AuthChallenge.bearer(List.of("Basic realm=\"x\", Bearer realm=\"http://t/token\"")))
        .map(c -> c.param("realm").orElseThrow())
        .contains("http://t/token");
  }

  @Test
  void findsNoBearerInBasicOnlyOrJunk() {
    assertThat(AuthChallenge.bearer(List.of("Basic realm=\"Registry Realm\""))).isEmpty();
    assertThat(AuthChallenge.bearer(List.of())).isEmpty();
    assertThat(AuthChallenge.parse("")).isEmpty();
    assertThat(AuthChallenge.parse("=,\"\"= ,")).allSatisfy(c -> assertThat(c).isNotNull());
    assertThat(AuthChallenge.parse("Negotiate abc==").get(0).scheme()).isEqualTo("Negotiate");
  }
}
