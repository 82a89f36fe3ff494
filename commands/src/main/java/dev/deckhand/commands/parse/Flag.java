package dev.deckhand.commands.parse;

/**
 * A flag a command accepts: {@code --env E} takes a value ({@code valueName} non-null), {@code
 * --dry-run} does not.
 */
public record Flag(String name, String valueName, String description) {
  public boolean takesValue() {
    return valueName != null;
  }

  public String synopsis() {
    return takesValue() ? "--" + name + " " + valueName : "--" + name;
  }
}
