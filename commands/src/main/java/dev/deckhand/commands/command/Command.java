package dev.deckhand.commands.command;

/** A parsed, validated command. Every field is a catalog or value type; no raw strings remain. */
public sealed interface Command permits Deploy, Rollback, Status, History, Help, WhoAmI {}
