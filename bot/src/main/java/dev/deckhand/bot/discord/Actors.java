package dev.deckhand.bot.discord;

import dev.deckhand.commands.model.Actor;
import java.util.List;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.User;

/** Discord users as {@link Actor}s: the user id, a display name, the member's guild role ids. */
final class Actors {
  static final String PLATFORM = "discord";

  private Actors() {}

  /**
   * @param member the member as the event carried it (with its role ids), null when it did not
   */
  static Actor of(String userId, User user, Member member) {
    String name =
        member != null
            ? member.getEffectiveName()
            : user != null ? user.getEffectiveName() : userId;
    List<String> roles =
        member == null ? List.of() : member.getRoles().stream().map(ISnowflake::getId).toList();
    return new Actor(PLATFORM, userId, name, roles);
  }
}
