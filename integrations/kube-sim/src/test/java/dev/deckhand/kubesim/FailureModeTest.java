package dev.deckhand.kubesim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureModeTest {

  @Test
  void tagIsReadBeforeTheDigestAndAfterTheRegistryPort() {
    assertThat(FailureMode.tagOf("nginx")).isEqualTo("latest");
    assertThat(FailureMode.tagOf("nginx:1.27")).isEqualTo("1.27");
    assertThat(FailureMode.tagOf("127.0.0.1:5000/acme/web")).isEqualTo("latest");
    assertThat(FailureMode.tagOf("127.0.0.1:5000/acme/web:2.0-crash@sha256:abc"))
        .isEqualTo("2.0-crash");
    assertThat(FailureMode.repositoryOf("127.0.0.1:5000/acme/web:2.0@sha256:abc"))
        .isEqualTo("127.0.0.1:5000/acme/web");
  }

  @Test
  void suffixChoosesTheFailure() {
    assertThat(FailureMode.ofImage("web:1-crash")).isEqualTo(FailureMode.CRASH);
    assertThat(FailureMode.ofImage("web:1-pullfail@sha256:00")).isEqualTo(FailureMode.PULL_FAIL);
    assertThat(FailureMode.ofImage("web:1-slow")).isEqualTo(FailureMode.SLOW);
    assertThat(FailureMode.ofImage("web:1-oom")).isEqualTo(FailureMode.OOM);
    assertThat(FailureMode.ofImage("web:1-unhealthy")).isEqualTo(FailureMode.UNHEALTHY);
    assertThat(FailureMode.ofImage("crash-test:1.0")).isEqualTo(FailureMode.NONE);
  }
}
