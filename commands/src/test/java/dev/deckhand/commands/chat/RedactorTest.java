package dev.deckhand.commands.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.operation.OperationState;
import dev.deckhand.commands.operation.StepRecord;
import dev.deckhand.commands.operation.StepState;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor redactor = Redactor.of(List.of("hunter2-db-password", "abc"));

  @Test
  void masksConfiguredValuesButNotShortOnes() {
    assertThat(redactor.redact("login failed for deckhand:hunter2-db-password@db"))
        .isEqualTo("login failed for deckhand:‹redacted›@db");
    assertThat(redactor.redact("abc is too short to be a secret")).contains("abc");
  }

  @Test
  void masksTokenShapes() {
    assertThat(redactor.redact("token xoxb-123456789012-abcdefABCDEF went out"))
        .isEqualTo("token ‹redacted› went out");
    assertThat(redactor.redact("app xapp-1-A0123-456-abcdef")).isEqualTo("app ‹redacted›");
    assertThat(redactor.redact("Authorization: Bearer abc.DEF_123-xyz"))
        .isEqualTo("Authorization: Bearer ‹redacted›");
    assertThat(
            redactor.redact(
                "MTAxOTY4NzQ3NjQ1NjE2NjQ2NA.GhQx1a.abcdefghijklmnopqrstuvwxyz0123456789 leaked"))
        .isEqualTo("‹redacted› leaked");
    assertThat(redactor.redact("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZWNraGFuZCJ9.c2lnbmF0dXJlc2ln"))
        .isEqualTo("‹redacted›");
    assertThat(redactor.redact("ghp_abcdefghijklmnopqrstuvwxyz0123456789")).isEqualTo("‹redacted›");
  }

  @Test
  void masksThePasswordOfAUrlAndKeepsSchemeUserAndHost() {
    assertThat(
            redactor.redact("DATABASE_URL=postgres://deckhand:Sup3r-s3cret@db.internal:5432/app"))
        .isEqualTo("DATABASE_URL=postgres://deckhand:‹redacted›@db.internal:5432/app");
    assertThat(redactor.redact("redis://:p@ss@cache:6379/0 and amqp://u:pw@mq"))
        .isEqualTo("redis://:‹redacted›@cache:6379/0 and amqp://u:‹redacted›@mq");
    assertThat(redactor.redact("mongodb+srv://app:p%40ss@cluster0.example.net/?retryWrites=true"))
        .isEqualTo("mongodb+srv://app:‹redacted›@cluster0.example.net/?retryWrites=true");
    assertThat(redactor.redact("dialing https://registry.example.com:5000/v2/app@sha256"))
        .isEqualTo("dialing https://registry.example.com:5000/v2/app@sha256");
  }

  @Test
  void masksTheValueOfSecretPairsInEveryNotation() {
    assertThat(redactor.redact("password=hunter22 user=bob"))
        .isEqualTo("password=‹redacted› user=bob");
    assertThat(redactor.redact("jdbc:postgresql://db/app?user=app&passwd=x9y8z7&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/app?user=app&passwd=‹redacted›&ssl=true");
    assertThat(redactor.redact("PGPWD: abc123, DB_PASSWORD = 'two words'"))
        .isEqualTo("PGPWD: ‹redacted›, DB_PASSWORD = '‹redacted›'");
    assertThat(redactor.redact("{\"password\": \"p a s s\", \"api_key\":\"k-1\", \"n\": 1}"))
        .isEqualTo("{\"password\": \"‹redacted›\", \"api_key\":\"‹redacted›\", \"n\": 1}");
    assertThat(redactor.redact("client_secret: s3; X-Auth-Token: t0k; apiKey=abc"))
        .isEqualTo("client_secret: ‹redacted›; X-Auth-Token: ‹redacted›; apiKey=‹redacted›");
    assertThat(redactor.redact("secret=")).isEqualTo("secret=");
  }

  @Test
  void masksAuthorizationHeadersAndBearerTokens() {
    assertThat(redactor.redact("Authorization: Basic ZGVja2hhbmQ6aHVudGVyMg=="))
        .isEqualTo("Authorization: Basic ‹redacted›");
    assertThat(redactor.redact("curl -H 'authorization: token abcdef' and bearer 0123456789abcdef"))
        .isEqualTo("curl -H 'authorization: token ‹redacted›' and bearer ‹redacted›");
  }

  @Test
  void masksAwsKeys() {
    assertThat(redactor.redact("key AKIAIOSFODNN7EXAMPLE in use"))
        .isEqualTo("key ‹redacted› in use");
    assertThat(
            redactor.redact("creds AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        .isEqualTo("creds ‹redacted› ‹redacted›");
    assertThat(redactor.redact("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
        .isEqualTo("aws_secret_access_key = ‹redacted›");
  }

  @Test
  void masksAPemPrivateKeyBlockWholeEvenWhenCut() {
    String pem =
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy\n"
            + "0AHB7MhgwMbRvI0MBZhpF\n-----END RSA PRIVATE KEY-----";
    assertThat(redactor.redact("key:\n" + pem + "\ndone")).isEqualTo("key:\n‹redacted›\ndone");
    assertThat(redactor.redact("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF"))
        .isEqualTo("‹redacted›");
    assertThat(redactor.redact("-----BEGIN PUBLIC KEY-----"))
        .isEqualTo("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void aListingIsRedactedAcrossItsLinesSoAPemBlockInALogTailGoesWhole() {
    Reply.Listing tail =
        new Reply.Listing(
            "CrashLoopBackOff in pod gateway-1; last log lines:",
            List.of(
                "INFO starting",
                "-----BEGIN EC PRIVATE KEY-----",
                "MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5AoGBAM3+",
                "-----END EC PRIVATE KEY-----",
                "ERROR connect postgres://app:hunter-canary@db failed"));
    assertThat(redactor.redact(tail))
        .isEqualTo(
            new Reply.Listing(
                tail.title(),
                List.of(
                    "INFO starting",
                    "‹redacted›",
                    "ERROR connect postgres://app:‹redacted›@db failed")));
  }

  @Test
  @org.junit.jupiter.api.Timeout(20)
  void aLongLineCostsTimeLinearInItsLength() {
    String dotted = "a.".repeat(100_000) + " password=x9";
    assertThat(redactor.redact(dotted)).endsWith(" password=‹redacted›");
    String base64 = "Ab1/".repeat(50_000);
    assertThat(redactor.redact(base64)).isEqualTo(base64);
    String url = "postgres://u:" + "p".repeat(100_000);
    assertThat(redactor.redact(url)).isEqualTo(url);
  }

  @Test
  void leavesOrdinaryDeployTextAlone() {
    String text =
        "deploy gateway p10e-mmc-20260519-d4-webhooks · staging, image"
            + " synergygroup/coachpilot-gateway@sha256:0123456789abcdef0123456789abcdef";
    assertThat(redactor.redact(text)).isEqualTo(text);
    for (String ordinary :
        List.of(
            "ghcr.io/synergygroup/coachpilot-gateway:p10e-mmc-20260519@sha256:"
                + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "rolled back to revision 0123456789abcdef0123456789abcdef01234567",
            "/lock gateway --env prod 2h30m \"db migration, token bucket tuning\"",
            "/freeze prod 90m \"peak hours: no deploys\"",
            "rollout of coachpilot-gateway: 3/3 ready after 1m12s (deadline 10m0s)",
            "GET /api/v1/status 200 3.1ms; http://127.0.0.1:8080/health ok",
            "registry.example.com/team/service/component/ModuleName1:v2.0.1",
            "tokens are rotated by the platform team; see the password policy")) {
      assertThat(redactor.redact(ordinary)).as(ordinary).isEqualTo(ordinary);
    }
    assertThat(redactor.redact((String) null)).isNull();
  }

  @Test
  void redactsEveryTextOfEveryReplyKind() {
    String secret = "hunter2-db-password";
    assertThat(redactor.redact(new Reply.Text("x " + secret)))
        .isEqualTo(new Reply.Text("x ‹redacted›"));
    assertThat(redactor.redact(new Reply.Problem("p " + secret, "h " + secret)))
        .isEqualTo(new Reply.Problem("p ‹redacted›", "h ‹redacted›"));
    assertThat(redactor.redact(new Reply.Listing("t " + secret, List.of("l " + secret))))
        .isEqualTo(new Reply.Listing("t ‹redacted›", List.of("l ‹redacted›")));
    Reply.Operation op =
        new Reply.Operation(
            7,
            "deploy " + secret,
            new Actor("console", "alice", "Alice"),
            "staging",
            "staging/ns/deployment/" + secret,
            OperationState.RUNNING,
            List.of(new StepRecord("patch", "set image", StepState.DONE, "via " + secret)),
            null,
            Duration.ofSeconds(3),
            false,
            List.of("note " + secret));
    assertThat(redactor.redact(op).toString()).doesNotContain(secret).contains("‹redacted›");
    Reply board = redactor.redact(new Reply.Board(List.of(op, op), false));
    assertThat(board.toString()).doesNotContain(secret).contains("‹redacted›");
    assertThat(((Reply.Board) board).operations()).hasSize(2);
    assertThat(redactor.redact(new Reply.InternalError("ab12cd34")))
        .isEqualTo(new Reply.InternalError("ab12cd34"));
  }

  @Test
  void aWrappedConversationKeepsItsChannelSpacingAndBudget() {
    EditBudget budget = EditBudget.perWindow(45, Duration.ofMinutes(1));
    Conversation inner =
        new Conversation() {
          @Override
          public String id() {
            return "C1";
          }

          @Override
          public MessageRef post(Reply reply) {
            return new MessageRef("C1", reply.toString());
          }

          @Override
          public void edit(MessageRef message, Reply reply) {}

          @Override
          public MessageRef postUnder(MessageRef parent, Reply reply) {
            return post(reply);
          }

          @Override
          public Duration minEditInterval() {
            return Duration.ofSeconds(1);
          }

          @Override
          public EditBudget editBudget() {
            return budget;
          }
        };
    Conversation wrapped = redactor.around(inner);
    assertThat(wrapped.id()).isEqualTo("C1");
    assertThat(wrapped.editBudget()).isSameAs(budget);
    assertThat(wrapped.minEditInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(redactor.around(wrapped)).isSameAs(wrapped);
    assertThat(wrapped.post(new Reply.Text("xoxb-123456789012-abcdefABCDEF")).id())
        .isEqualTo("Text[text=‹redacted›]");
  }

  @Test
  void keepsTheSecretUpdateGrantAndKnowsSecretLookingKeys() {
    assertThat(redactor.redact("role ops: secret-update:prod, secret-update:*"))
        .isEqualTo("role ops: secret-update:prod, secret-update:*");
    assertThat(redactor.redact("secret-token: abc123")).isEqualTo("secret-token: ‹redacted›");
    assertThat(Redactor.looksSecret("API_TOKEN", "x")).isTrue();
    assertThat(Redactor.looksSecret("db.password", "x")).isTrue();
    assertThat(Redactor.looksSecret("LOG_LEVEL", "debug")).isFalse();
    assertThat(Redactor.looksSecret("SLACK", "xoxb-123456789012-abcdefABCDEF")).isTrue();
  }
}
