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
  void leavesOrdinaryDeployTextAlone() {
    String text =
        "deploy gateway p10e-mmc-20260519-d4-webhooks · staging, image"
            + " synergygroup/coachpilot-gateway@sha256:0123456789abcdef0123456789abcdef";
    assertThat(redactor.redact(text)).isEqualTo(text);
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
}
