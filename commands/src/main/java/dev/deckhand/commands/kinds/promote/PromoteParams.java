package dev.deckhand.commands.kinds.promote;

import dev.deckhand.commands.kinds.deploy.DeployParams;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What a promotion needs to run or resume, stored with it (version 1): the deploy of the digest,
 * and where and since when it was verified.
 *
 * @param deploy the pinned image set in the zone and what ran there before
 * @param from the zone it was verified in
 * @param verifiedBy the operation that verified it there
 * @param verifiedAt when that operation ended
 * @param revision the git commit the image was built from, empty when its labels do not say
 * @param zoneTag the registry tag moved to the digest once it runs here, empty for none
 */
public record PromoteParams(
    DeployParams deploy,
    String from,
    long verifiedBy,
    Instant verifiedAt,
    String revision,
    String zoneTag) {
  Map<String, String> write(Map<String, String> deployFields) {
    Map<String, String> fields = new HashMap<>(deployFields);
    fields.put("from", from);
    fields.put("verifiedBy", Long.toString(verifiedBy));
    fields.put("verifiedAt", verifiedAt.toString());
    fields.put("revision", revision);
    fields.put("zoneTag", zoneTag);
    return fields;
  }

  static PromoteParams read(DeployParams deploy, Map<String, String> m) {
    return new PromoteParams(
        deploy,
        m.getOrDefault("from", ""),
        Long.parseLong(m.getOrDefault("verifiedBy", "0")),
        Instant.parse(m.getOrDefault("verifiedAt", Instant.EPOCH.toString())),
        m.getOrDefault("revision", ""),
        m.getOrDefault("zoneTag", ""));
  }
}
