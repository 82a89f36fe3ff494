package dev.deckhand.commands.catalog;

import dev.deckhand.commands.model.Actor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog's people, and who an actor is: the person whose ids include the actor's platform id,
 * or, for an id that maps to no person, a person of its own named {@code platform:id}. Immutable
 * and thread-safe.
 */
public final class People {
  /** No people: every id is a person of its own. */
  public static final People NONE = new People(List.of());

  private final Map<String, Person> byName = new LinkedHashMap<>();
  private final Map<String, Person> byId = new HashMap<>();

  public People(List<Person> people) {
    for (Person p : people) {
      if (byName.putIfAbsent(p.name(), p) != null) {
        throw new IllegalArgumentException("two people named " + p.name());
      }
      p.ids()
          .forEach(
              (platform, id) -> {
                Person other = byId.putIfAbsent(Actor.unlinked(platform, id), p);
                if (other != null) {
                  throw new IllegalArgumentException(
                      platform + " id " + id + " is both " + other.name() + " and " + p.name());
                }
              });
    }
  }

  /** The people, in catalog order. */
  public List<Person> all() {
    return List.copyOf(byName.values());
  }

  public Optional<Person> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The person the platform id belongs to, if the catalog links it. */
  public Optional<Person> of(String platform, String id) {
    return Optional.ofNullable(byId.get(Actor.unlinked(platform, id)));
  }

  /**
   * The actor as the person the catalog says it is; the person is always taken from the catalog,
   * never from the actor (an actor read back from the store may carry an older answer).
   */
  public Actor identify(Actor actor) {
    String person =
        of(actor.platform(), actor.id())
            .map(Person::name)
            .orElse(Actor.unlinked(actor.platform(), actor.id()));
    return person.equals(actor.person()) ? actor : actor.withPerson(person);
  }

  /** True when both actors are the same person, on whatever platforms. */
  public boolean same(Actor a, Actor b) {
    return identify(a).person().equals(identify(b).person());
  }

  public boolean isEmpty() {
    return byName.isEmpty();
  }
}
