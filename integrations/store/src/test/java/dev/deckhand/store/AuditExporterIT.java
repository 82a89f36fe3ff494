package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.AuditLog;
import dev.deckhand.commands.ports.AuditLog.Event;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class AuditExporterIT {

  private static final String AWKWARD =
      "quote \" backslash \\ newline \n tab \t bell \u0007 sep \u2028 emoji \uD83D\uDE80 é";

  @Test
  void everyRowIsOneParseableLineCarryingEnoughToReverify(TestPostgres postgres) {
    Database database = postgres.fresh();
    AuditLog audit = database.stores().audit();
    audit.append(
        new Actor("slack", "U1", "Ann \"the\" Admin"), "command", "gateway", "prod", 3, AWKWARD);
    audit.append(null, "startup", null, null, 0, "multi\nline\r\nreason");
    audit.append(new Actor("discord", "42", "x"), "vote", "gateway", "prod", 3, "");
    StringWriter out = new StringWriter();

    long written = database.stores().auditExporter().export(out);

    String text = out.toString();
    assertThat(written).isEqualTo(3);
    assertThat(text).endsWith("\n");
    List<String> lines = text.lines().toList();
    assertThat(lines).hasSize(3);
    List<Event> events = new ArrayList<>(audit.recent(null, 10));
    Collections.reverse(events);
    for (int i = 0; i < lines.size(); i++) {
      Map<String, Object> json = JsonTestParser.parseObject(lines.get(i));
      Event event = events.get(i);
      assertThat(json)
          .containsOnlyKeys(
              "seq",
              "at",
              "actor_platform",
              "actor_id",
              "actor_name",
              "actor_person",
              "action",
              "service",
              "environment",
              "operation_id",
              "detail",
              "prev_hash",
              "hash");
      assertThat(json.get("seq")).isEqualTo(event.seq());
      assertThat(Instant.parse((String) json.get("at"))).isEqualTo(event.at());
      assertThat(json.get("detail")).isEqualTo(event.detail());
      assertThat(json.get("hash")).isEqualTo(event.hash());
      assertThat(AuditHash.of(fromJson(json)))
          .as("re-hash from the export")
          .isEqualTo(event.hash());
    }
    Map<String, Object> system = JsonTestParser.parseObject(lines.get(1));
    assertThat(system.get("actor_platform")).isNull();
    assertThat(system.get("operation_id")).isNull();
    assertThat(JsonTestParser.parseObject(lines.get(0)).get("actor_name"))
        .isEqualTo("Ann \"the\" Admin");
    assertThat(lines.get(0)).contains("\\u0007", "\\u2028", "\\n", "\\\"");
  }

  @Test
  void emptyTrailWritesNothing(TestPostgres postgres) {
    StringWriter out = new StringWriter();

    assertThat(postgres.fresh().stores().auditExporter().export(out)).isZero();
    assertThat(out.toString()).isEmpty();
  }

  private static AuditRow fromJson(Map<String, Object> json) {
    String platform = (String) json.get("actor_platform");
    return new AuditRow(
        (Long) json.get("seq"),
        Instant.parse((String) json.get("at")),
        platform == null
            ? null
            : new Actor(platform, (String) json.get("actor_id"), (String) json.get("actor_name")),
        (String) json.get("action"),
        (String) json.get("service"),
        (String) json.get("environment"),
        (Long) json.get("operation_id"),
        (String) json.get("detail"),
        (String) json.get("prev_hash"),
        (String) json.get("hash"),
        (String) json.get("actor_person"));
  }
}
