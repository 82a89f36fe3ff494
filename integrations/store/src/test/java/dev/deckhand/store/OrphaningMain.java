package dev.deckhand.store;

import dev.deckhand.commands.model.Actor;
import java.nio.file.Path;

/**
 * A stand-in for a bot process, run in a child JVM by {@link EmbeddedDatabaseIT}: opens the
 * embedded database in {@code args[0]}, appends one audit event, prints {@code READY} and waits for
 * standard input to close, so the test can kill it with SIGKILL and leave its server orphaned.
 */
public final class OrphaningMain {

  private OrphaningMain() {}

  public static void main(String[] args) throws Exception {
    Database database = Database.embedded(Path.of(args[0]));
    database
        .stores()
        .audit()
        .append(
            new Actor("console", "child", "child"), "written", "svc", "dev", 0, "before kill -9");
    System.out.println("READY");
    System.out.flush();
    while (System.in.read() >= 0) {
      // wait for the parent to kill us
    }
    database.close();
  }
}
