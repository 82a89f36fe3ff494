package dev.deckhand.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.deckhand.commands.ports.ImageRegistry;
import dev.deckhand.commands.ports.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Basic auth and the bearer-token dance against {@link FakeRegistry} on loopback. */
class RegistryAuthIT {
  private static final Credentials DEPLOYER = new Credentials("deployer", "right-secret");

  private final FakeRegistry fake = new FakeRegistry();
  private final MutableClock clock = new MutableClock();

  RegistryAuthIT() throws IOException {}

  @BeforeEach
  void content() {
    fake.repo("team/app", "v1", "v2");
    fake.manifest("team/app", "v1", "{}".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private ImageRegistry client(Credentials credentials) {
    // the fake speaks plain http on loopback: an insecure registry, as the catalog must say
    RegistryEndpoint endpoint = new RegistryEndpoint("default", fake.baseUrl()).asInsecure();
    if (credentials != null) {
      endpoint = endpoint.withCredentials(credentials);
    }
    RegistrySettings settings =
        new RegistrySettings(Duration.ofSeconds(2), Duration.ofSeconds(5), 100, 10, Duration.ZERO);
    return RegistryClient.create(List.of(endpoint), settings, ForkJoinPool.commonPool(), clock);
  }

  @Test
  void sendsBasicCredentialsWhenConfigured() {
    fake.behaviour.basic(DEPLOYER);

    assertThat(client(DEPLOYER).tags("team/app")).containsExactly("v1", "v2");
    assertThat(fake.requests.get(0).authorization()).isEqualTo(BasicAuth.header(DEPLOYER));
  }

  @Test
  void aBasicOnlyRegistryRefusingUsIsReported() {
    fake.behaviour.basic(DEPLOYER);

    assertThatThrownBy(() -> client(null).tags("team/app"))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("registry default refused anonymous access to team/app");
    assertThatThrownBy(() -> client(new Credentials("deployer", "nope")).tags("team/app"))
        .hasMessageStartingWith("registry default refused the credentials for team/app");
  }

  @Test
  void getsABearerTokenWithBasicCredentialsAndReusesItForTheScope() {
    fake.behaviour.bearer(DEPLOYER);
    ImageRegistry registry = client(DEPLOYER);

    assertThat(registry.tags("team/app")).containsExactly("v1", "v2");
    assertThat(fake.requests)
        .extracting(r -> r.method() + " " + r.target().replaceAll("\\?.*", ""))
        .containsExactly("GET /v2/team/app/tags/list", "GET /token", "GET /v2/team/app/tags/list");
    assertThat(fake.requests.get(1).target())
        .isEqualTo("/token?service=fake-registry&scope=repository%3Ateam%2Fapp%3Apull");
    assertThat(fake.requests.get(2).authorization()).isEqualTo("Bearer tok-1");

    fake.requests.clear();
    assertThat(registry.digest("team/app", "v1")).isPresent();
    assertThat(fake.requests)
        .extracting(FakeRegistry.Request::authorization)
        .containsExactly("Bearer tok-1");
    assertThat(fake.tokensIssued).hasValue(1);
  }

  @Test
  void getsAnAnonymousTokenAndReadsAccessToken() {
    fake.behaviour.bearer(null).accessTokenField();

    assertThat(client(null).digest("team/app", "v1")).isPresent();
    assertThat(fake.count("GET", "/token")).isEqualTo(1);
    assertThat(fake.requests.get(1).authorization()).isNull();
  }

  @Test
  void aTokenIsReplacedAfterItsDefaultSixtySeconds() {
    fake.behaviour.bearer(DEPLOYER);
    ImageRegistry registry = client(DEPLOYER);
    registry.tags("team/app");

    clock.advance(Duration.ofSeconds(30));
    registry.tags("team/app");
    assertThat(fake.tokensIssued).hasValue(1);

    clock.advance(Duration.ofSeconds(31));
    registry.tags("team/app");
    assertThat(fake.tokensIssued).hasValue(2);
    assertThat(fake.requests.get(fake.requests.size() - 1).authorization())
        .isEqualTo("Bearer tok-2");
  }

  @Test
  void aTokenLivesAsLongAsExpiresInSays() {
    fake.behaviour.bearer(DEPLOYER).expiresIn(300);
    ImageRegistry registry = client(DEPLOYER);
    registry.tags("team/app");

    clock.advance(Duration.ofSeconds(200));
    registry.tags("team/app");

    assertThat(fake.tokensIssued).hasValue(1);
  }

  @Test
  void badCredentialsAtTheTokenServiceAreReportedWithoutTheSecret() {
    fake.behaviour.bearer(DEPLOYER);

    assertThatThrownBy(() -> client(new Credentials("deployer", "wrong-secret")).tags("team/app"))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("registry default refused the credentials for team/app")
        .message()
        .doesNotContain("wrong-secret");
  }

  @Test
  void a401AfterAFreshTokenMeansRefused() {
    fake.behaviour.bearer(DEPLOYER).rejectTokens();

    assertThatThrownBy(() -> client(DEPLOYER).digest("team/app", "v1"))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("registry default refused the credentials for team/app");
    assertThat(fake.tokensIssued).hasValue(1);
    assertThat(fake.count("HEAD", "/v2/")).isEqualTo(2);
  }
}
