package dev.deckhand.commands.ports;

/**
 * Durable idempotency keys of chat deliveries, so that a delivery replayed after a restart runs
 * once. Thread-safe; atomic across processes.
 */
public interface DeliveryLog {

  /** Records the key; true the first time it is seen, false for every repeat. */
  boolean firstTime(String key);
}
