package dev.deckhand.bot.discord;

import java.util.List;
import java.util.Map;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;

/** Gateway and REST payloads of the fake Discord, trimmed to what JDA reads. */
final class Payloads {
  static final String JOINED = "2026-01-01T00:00:00.000000+00:00";

  private Payloads() {}

  static DataObject user(String id, String name, boolean bot) {
    return DataObject.empty()
        .put("id", id)
        .put("username", name)
        .put("global_name", name)
        .put("discriminator", "0")
        .put("avatar", null)
        .put("bot", bot)
        .put("flags", 0);
  }

  static DataObject member(DataObject user, List<String> roles) {
    return DataObject.empty()
        .put("user", user)
        .put("roles", DataArray.fromCollection(roles))
        .put("joined_at", JOINED)
        .put("deaf", false)
        .put("mute", false)
        .put("flags", 0)
        .put("pending", false)
        .put("permissions", "8");
  }

  static DataObject role(String id, String name, int position) {
    return DataObject.empty()
        .put("id", id)
        .put("name", name)
        .put("colors", DataObject.empty().put("primary_color", 0))
        .put("position", position)
        .put("permissions", "8")
        .put("managed", false)
        .put("hoist", false)
        .put("mentionable", false)
        .put("flags", 0);
  }

  static DataObject channel(String id, String guild) {
    return DataObject.empty()
        .put("id", id)
        .put("type", 0)
        .put("guild_id", guild)
        .put("name", "deploys")
        .put("position", 0)
        .put("nsfw", false)
        .put("permission_overwrites", DataArray.empty());
  }

  static DataObject guild(
      String id, String channel, DataObject botUser, Map<String, String> roles) {
    DataArray roleArray = DataArray.empty().add(role(id, "@everyone", 0));
    roles.forEach((roleId, name) -> roleArray.add(role(roleId, name, 1)));
    return DataObject.empty()
        .put("id", id)
        .put("name", "Deckhand test guild")
        .put("owner_id", botUser.getString("id"))
        .put("roles", roleArray)
        .put("channels", DataArray.empty().add(channel(channel, id)))
        .put("threads", DataArray.empty())
        .put("emojis", DataArray.empty())
        .put("stickers", DataArray.empty())
        .put("voice_states", DataArray.empty())
        .put("members", DataArray.empty().add(member(botUser, List.of())))
        .put("presences", DataArray.empty())
        .put("features", DataArray.empty())
        .put("guild_scheduled_events", DataArray.empty())
        .put("stage_instances", DataArray.empty())
        .put("soundboard_sounds", DataArray.empty())
        .put("member_count", 3)
        .put("afk_timeout", 300)
        .put("mfa_level", 0)
        .put("verification_level", 0)
        .put("default_message_notifications", 0)
        .put("explicit_content_filter", 0)
        .put("nsfw_level", 0)
        .put("premium_tier", 0)
        .put("system_channel_flags", 0)
        .put("large", false)
        .put("unavailable", false)
        .put("premium_progress_bar_enabled", false)
        .put("preferred_locale", "en-US")
        .put("joined_at", JOINED);
  }

  private static DataArray rich(DataArray embeds) {
    DataArray out = DataArray.empty();
    for (int i = 0; i < embeds.length(); i++) {
      out.add(DataObject.fromJson(embeds.getObject(i).toString()).put("type", "rich"));
    }
    return out;
  }

  static DataObject message(
      String id, String channel, String guild, DataObject author, DataObject body) {
    return DataObject.empty()
        .put("id", id)
        .put("channel_id", channel)
        .put("guild_id", guild)
        .put("type", 0)
        .put("author", author)
        .put("content", body.getString("content", ""))
        .put("embeds", rich(body.optArray("embeds").orElseGet(DataArray::empty)))
        .put("attachments", DataArray.empty())
        .put("mentions", DataArray.empty())
        .put("mention_roles", DataArray.empty())
        .put("mention_everyone", false)
        .put("components", DataArray.empty())
        .put("pinned", false)
        .put("tts", false)
        .put("flags", 0)
        .put("timestamp", JOINED)
        .put("edited_timestamp", null);
  }
}
