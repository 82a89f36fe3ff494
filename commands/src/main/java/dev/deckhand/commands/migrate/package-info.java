/**
 * Migration Jobs as the cluster port sees them: what to run ({@link JobRequest}) and where it
 * stands ({@link JobState}). Plain values, no SDK types.
 */
package dev.deckhand.commands.migrate;
