package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenCacheTest {
  private final MutableClock clock = new MutableClock();
  private final TokenCache cache = new TokenCache(clock);

  @Test
  void keepsATokenPerRegistryAndScopeUntilItsLifetimeLessAMargin() {
    cache.put("hub", "repository:a:pull", "t1", Duration.ofSeconds(60));

    assertThat(cache.get("hub", "repository:a:pull")).contains("t1");
    assertThat(cache.get("hub", "repository:b:pull")).isEmpty();
    assertThat(cache.get("gitea", "repository:a:pull")).isEmpty();

    clock.advance(Duration.ofSeconds(54));
    assertThat(cache.get("hub", "repository:a:pull")).contains("t1");
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get("hub", "repository:a:pull")).isEmpty();
  }

  @Test
  void aShortLivedTokenLosesOnlyATenthOfItsLife() {
    cache.put("hub", "s", "t", Duration.ofSeconds(10));

    clock.advance(Duration.ofSeconds(8));
    assertThat(cache.get("hub", "s")).contains("t");
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.get("hub", "s")).isEmpty();
  }

  @Test
  void aNewTokenReplacesTheOld() {
    cache.put("hub", "s", "old", Duration.ofSeconds(60));
    cache.put("hub", "s", "new", Duration.ofSeconds(60));

    assertThat(cache.get("hub", "s")).contains("new");
  }
}
