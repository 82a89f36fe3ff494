package dev.deckhand.commands.kinds.bluegreen;

import java.time.Duration;
import java.util.Map;

/**
 * What a blue-green deploy needs to run or resume, stored with it (version 1).
 *
 * @param image the pinned image the idle colour gets
 * @param service the Kubernetes Service whose selector is switched
 * @param live the colour with the traffic when planned ({@link Colours#ORIGINAL} before any switch)
 * @param idle the colour the deploy goes to
 * @param liveImage the image the live colour runs
 * @param replicas the live colour's replicas (the idle one gets as many)
 * @param hold how long the live colour is kept after the switch
 */
public record BlueGreenParams(
    String image,
    String service,
    String live,
    String idle,
    String liveImage,
    int replicas,
    Duration hold) {

  Map<String, String> write() {
    return Map.of(
        "image", image,
        "kubeService", service,
        "live", live,
        "idle", idle,
        "beforeImage", liveImage,
        "replicas", Integer.toString(replicas),
        "hold", hold.toString());
  }

  static BlueGreenParams read(int version, Map<String, String> m) {
    if (version != 1) {
      throw new IllegalArgumentException("blue-green parameters of version " + version);
    }
    return new BlueGreenParams(
        m.get("image"),
        m.get("kubeService"),
        m.getOrDefault("live", ""),
        m.get("idle"),
        m.get("beforeImage"),
        Integer.parseInt(m.get("replicas")),
        Duration.parse(m.get("hold")));
  }
}
