package dev.deckhand.bot.config;

import java.nio.file.Path;

/**
 * What every section parser needs while reading one file: where to report, the variables, how to
 * resolve secrets, and the catalog's directory (relative {@code file:} references start there).
 */
record LoadContext(Problems problems, Variables variables, SecretResolver secrets, Path baseDir) {}
