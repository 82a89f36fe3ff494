package dev.deckhand.registry;

import java.util.concurrent.atomic.AtomicInteger;

/** What {@link FakeRegistry} does; tests change it between calls. Thread-safe. */
final class FakeBehaviour {
  enum Auth {
    NONE,
    BASIC,
    BEARER
  }

  private final AtomicInteger failures = new AtomicInteger();
  private volatile Auth auth = Auth.NONE;
  private volatile Credentials user;
  private volatile boolean rejectTokens;
  private volatile boolean accessTokenField;
  private volatile Integer expiresIn;
  private volatile boolean digestHeader = true;
  private volatile boolean absoluteLinks;
  private volatile String linkOverride;
  private volatile java.net.URI realm;

  /** Basic auth on the API, checked against {@code user}. */
  FakeBehaviour basic(Credentials user) {
    this.auth = Auth.BASIC;
    this.user = user;
    return this;
  }

  /** Bearer tokens on the API; the token endpoint requires {@code user}, or none if null. */
  FakeBehaviour bearer(Credentials user) {
    this.auth = Auth.BEARER;
    this.user = user;
    return this;
  }

  /** Announces this token realm in Bearer challenges instead of the fake's own {@code /token}. */
  FakeBehaviour realm(java.net.URI realm) {
    this.realm = realm;
    return this;
  }

  java.net.URI realm() {
    return realm;
  }

  FakeBehaviour rejectTokens() {
    this.rejectTokens = true;
    return this;
  }

  FakeBehaviour accessTokenField() {
    this.accessTokenField = true;
    return this;
  }

  FakeBehaviour expiresIn(Integer seconds) {
    this.expiresIn = seconds;
    return this;
  }

  FakeBehaviour withoutDigestHeader() {
    this.digestHeader = false;
    return this;
  }

  FakeBehaviour absoluteLinks() {
    this.absoluteLinks = true;
    return this;
  }

  /** Every tag page links to {@code link}, whatever is left. */
  FakeBehaviour linkOverride(String link) {
    this.linkOverride = link;
    return this;
  }

  /** The next {@code n} API requests answer 500. */
  FakeBehaviour failNext(int n) {
    failures.set(n);
    return this;
  }

  boolean takeFailure() {
    return failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  Auth auth() {
    return auth;
  }

  Credentials user() {
    return user;
  }

  boolean rejectingTokens() {
    return rejectTokens;
  }

  boolean usingAccessTokenField() {
    return accessTokenField;
  }

  Integer expiresIn() {
    return expiresIn;
  }

  boolean digestHeader() {
    return digestHeader;
  }

  boolean usingAbsoluteLinks() {
    return absoluteLinks;
  }

  String linkOverride() {
    return linkOverride;
  }
}
