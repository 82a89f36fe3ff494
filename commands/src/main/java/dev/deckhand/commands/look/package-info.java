/**
 * What the read-only commands {@code /logs}, {@code /events} and {@code /describe} ask of a cluster
 * and what it answers: plain values, no SDK types.
 */
package dev.deckhand.commands.look;
