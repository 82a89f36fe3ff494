package dev.deckhand.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.deckhand.commands.model.Actor;
import dev.deckhand.commands.ports.Timeline;
import dev.deckhand.commands.ports.Timeline.Entry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TimelineIT {

  private static final Actor BOB = new Actor("discord", "987654321", "bob");
  private static final Instant T0 = Instant.parse("2026-05-19T10:15:30.123456789Z");

  private Timeline timeline;

  @BeforeEach
  void freshDatabase(TestPostgres postgres) {
    timeline = postgres.fresh().stores().timeline();
  }

  @Test
  void recordedEntryReadsBackWithMicrosecondTime() {
    Entry entry = deploy(7, "gateway", "prod", T0);

    timeline.record(entry);

    List<Entry> recent = timeline.recent("gateway", "prod", 10);
    assertThat(recent).hasSize(1);
    Entry read = recent.get(0);
    assertThat(read.at()).isEqualTo(Instant.parse("2026-05-19T10:15:30.123456Z"));
    assertThat(read).usingRecursiveComparison().ignoringFields("at").isEqualTo(entry);
  }

  @Test
  void recentIsNewestFirstLimitedAndForOneServiceAndEnvironment() {
    for (int i = 0; i < 5; i++) {
      timeline.record(deploy(i + 1, "gateway", "prod", T0.plusSeconds(i * 60L)));
    }
    timeline.record(deploy(100, "gateway", "staging", T0.plusSeconds(3600)));
    timeline.record(deploy(101, "dashboard", "prod", T0.plusSeconds(3600)));

    List<Entry> recent = timeline.recent("gateway", "prod", 3);

    assertThat(recent).extracting(Entry::operationId).containsExactly(5L, 4L, 3L);
    assertThat(timeline.recent("gateway", "staging", 10))
        .extracting(Entry::operationId)
        .containsExactly(100L);
    assertThat(timeline.recent("gateway", "prod", 0)).isEmpty();
    assertThat(timeline.recent("unknown", "prod", 10)).isEmpty();
  }

  @Test
  void entriesAtTheSameInstantComeNewestRecordedFirst() {
    timeline.record(deploy(1, "api", "dev", T0));
    timeline.record(deploy(2, "api", "dev", T0));

    assertThat(timeline.recent("api", "dev", 5))
        .extracting(Entry::operationId)
        .containsExactly(2L, 1L);
  }

  @Test
  void automaticRollbackWithoutActorOrOldImageIsKept() {
    Entry rollback =
        new Entry(
            9,
            "rollback",
            null,
            "worker",
            "prod",
            null,
            "gitea.local/worker:abc1234@sha256:feed",
            Duration.ofSeconds(95),
            "rolled-back",
            T0);

    timeline.record(rollback);

    Entry read = timeline.recent("worker", "prod", 1).get(0);
    assertThat(read.actor()).isNull();
    assertThat(read.oldImage()).isNull();
    assertThat(read.duration()).isEqualTo(Duration.ofSeconds(95));
    assertThat(read.result()).isEqualTo("rolled-back");
  }

  private static Entry deploy(long operationId, String service, String environment, Instant at) {
    return new Entry(
        operationId,
        "deploy",
        BOB,
        service,
        environment,
        "synergygroup/coachpilot-" + service + ":p10e-mmc-20260518-a@sha256:0ld",
        "synergygroup/coachpilot-" + service + ":p10e-mmc-20260519-b@sha256:n3w",
        Duration.ofMillis(42_317),
        "succeeded",
        at);
  }
}
