package dev.deckhand.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The arithmetic the report rests on: percentiles, windows, early calls, /proc and GC parsing. */
class MeasuresTest {

  @Test
  void aBoardsLinesAreReadPerSectionSoNoTwoOperationsShareOne() {
    String body =
        "Live board · 2 of 3 operations running\n"
            + "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*Live board*\"}},"
            + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
            + "\"🔄 op 1 · deploy svc-001 r2 · staging — running · 3 s\\n"
            + "✅ op 2 · deploy svc-002 r2 · staging — succeeded after 9 s\"}},"
            + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
            + "\"🔄 op 3 · deploy svc-003 r2 · staging — running · 4 s\"}}]";

    assertThat(EditLagScenario.boardLines(body))
        .containsExactly(
            "*Live board*",
            "🔄 op 1 · deploy svc-001 r2 · staging — running · 3 s",
            "✅ op 2 · deploy svc-002 r2 · staging — succeeded after 9 s",
            "🔄 op 3 · deploy svc-003 r2 · staging — running · 4 s");
  }

  @Test
  void percentilesAreNearestRank() {
    Stats s = Stats.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 6.0, 7.0, 8.0, 9.0, 10.0));
    assertThat(s.count()).isEqualTo(10);
    assertThat(s.p50()).isEqualTo(5.0);
    assertThat(s.p95()).isEqualTo(10.0);
    assertThat(s.max()).isEqualTo(10.0);
    assertThat(Stats.of(List.of()).count()).isZero();
    assertThat(Stats.median(List.of(3.0, 1.0, Double.NaN, 2.0, 10.0))).isEqualTo(2.5);
  }

  @Test
  void windowsCountCallsWithinLessThanTheirLength() {
    List<FakeSlackApi.Call> calls =
        List.of(
            call("chat.update", "1", 200, 0, 0),
            call("chat.update", "1", 200, 0, 999),
            call("chat.update", "1", 200, 0, 1000),
            call("chat.update", "1", 200, 0, 1500));
    assertThat(EditLagScenario.maxInWindow(calls, 1_000_000_000L)).isEqualTo(3); // 999, 1000, 1500
    assertThat(EditLagScenario.maxInWindow(calls, 2_000_000_000L)).isEqualTo(4);
    assertThat(EditLagScenario.maxInWindow(List.of(), 1_000_000_000L)).isZero();
  }

  @Test
  void earlyCallsAreThoseBeforeRetryAfterButAfterTheGrace() {
    List<FakeSlackApi.Call> calls =
        List.of(
            call("chat.update", "1", 429, 2, 0),
            call("chat.update", "1", 200, 0, 50), // within the grace: may have left before
            call("chat.update", "2", 200, 0, 1000), // another message, same workspace
            call("chat.update", "1", 200, 0, 1500), // same message, too early
            call("chat.update", "1", 200, 0, 2100)); // after Retry-After
    assertThat(EditLagScenario.early(calls, true)).isEqualTo(1);
    assertThat(EditLagScenario.early(calls, false)).isEqualTo(2);
  }

  @Test
  void procNetTcpLinesCountOnlyEstablishedConnectionsOfThePidToThePort() {
    // 127.0.0.1:40000 -> 127.0.0.1:34567 (0x8707), established, inode 4242
    String line =
        "   3: 0100007F:9C40 0100007F:8707 01 00000000:00000000 00:00000000 00000000  1000"
            + "        0 4242 1 0000000000000000 20 4 30 10 -1";
    assertThat(ProcStats.countsAsConnection(line, 34567, Set.of("4242"))).isTrue();
    assertThat(ProcStats.countsAsConnection(line, 34567, Set.of("1"))).isFalse();
    assertThat(ProcStats.countsAsConnection(line, 80, Set.of("4242"))).isFalse();
    assertThat(ProcStats.countsAsConnection(line.replace(" 01 ", " 0A "), 34567, Set.of("4242")))
        .isFalse();
    assertThat(ProcStats.countsAsConnection("  sl  local_address rem_address   st", 1, Set.of()))
        .isFalse();
  }

  @Test
  void gcLogGivesTheHeapAfterEachCollection() {
    List<GcLog.Collection> c =
        GcLog.parse(
            List.of(
                "[0.012s][info][gc] Using Serial",
                "[1.234s][info][gc] GC(0) Pause Young (Allocation Failure) 26M->5M(94M) 12.345ms",
                "[9.876s][info][gc] GC(1) Pause Full (System.gc()) 40M->21M(94M) 80.1ms"));
    assertThat(c)
        .containsExactly(
            new GcLog.Collection(1.234, false, 5), new GcLog.Collection(9.876, true, 21));
  }

  @Test
  void signaturesAreSlacksV0Scheme() {
    // The example of Slack's documentation on verifying requests.
    String body =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    assertThat(SlackSigning.signature("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body))
        .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  }

  private static FakeSlackApi.Call call(
      String method, String ts, int status, int retryAfter, long millis) {
    return new FakeSlackApi.Call(
        method, "C1", ts, null, "", "", status, retryAfter, millis * 1_000_000L, 1);
  }
}
