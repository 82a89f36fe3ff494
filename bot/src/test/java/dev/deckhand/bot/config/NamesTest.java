package dev.deckhand.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void labels() {
    assertThat(Names.labelProblem("coachpilot-gateway")).isEmpty();
    assertThat(Names.labelProblem("a".repeat(63))).isEmpty();
    assertThat(Names.labelProblem("a".repeat(64))).isPresent();
    assertThat(Names.labelProblem("gateway-")).isPresent();
    assertThat(Names.labelProblem("")).isPresent();
  }

  @Test
  void subdomains() {
    assertThat(Names.subdomainProblem("api.v2")).isEmpty();
    assertThat(Names.subdomainProblem("api..v2")).isPresent();
  }

  @Test
  void tags() {
    assertThat(Names.isTag("p10e-mmc-20260519-d4-webhooks")).isTrue();
    assertThat(Names.isTag("_x.1")).isTrue();
    assertThat(Names.isTag(".x")).isFalse();
    assertThat(Names.isTag("a".repeat(129))).isFalse();
  }

  @Test
  void images() {
    assertThat(Names.imageProblem("synergygroup/coachpilot-gateway")).isEmpty();
    assertThat(Names.imageProblem("nginx")).isEmpty();
    assertThat(Names.imageProblem("localhost/app")).isEmpty();
    assertThat(Names.imageProblem("ghcr.io/org/app__x")).isEmpty();
    assertThat(Names.imageProblem("registry:5000/app")).isEmpty();
    assertThat(Names.imageProblem("app:1.0")).isPresent();
    assertThat(Names.imageProblem("org//app")).isPresent();
  }
}
