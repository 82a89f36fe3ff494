package dev.deckhand.kubernetes;

import dev.deckhand.commands.manifest.Manifest;
import dev.deckhand.commands.manifest.ManifestException;
import dev.deckhand.commands.manifest.ObjectChange;
import dev.deckhand.commands.model.Target;
import dev.deckhand.commands.ports.ClusterException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The objects of a bundle's manifests, planned (what server-side apply would change) and applied
 * (server-side apply, field manager {@code deckhand}, conflicts forced). Every object goes into the
 * target's namespace. The plan compares only the fields a manifest sets with the live object; a
 * Secret's values are never shown. Thread-safe.
 */
final class ManifestObjects {
  static final String FIELD_MANAGER = "deckhand";

  private static final Pattern DOCUMENT = Pattern.compile("(?m)^---[ \\t]*(#.*)?$");
  private static final int SHOWN = 60;

  private final KubernetesClient client;

  ManifestObjects(KubernetesClient client) {
    this.client = client;
  }

  /** One object of a manifest: the file it came from, its fields as written, and as a model. */
  record Item(String file, Map<String, Object> fields, HasMetadata object) {
    String id() {
      return object.getKind() + "/" + object.getMetadata().getName();
    }
  }

  List<ObjectChange> plan(Target t, List<Manifest> files) {
    List<ObjectChange> out = new ArrayList<>();
    for (Item item : parse(t, files)) {
      HasMetadata live;
      try {
        live = client.resource(item.object()).inNamespace(t.namespace()).get();
      } catch (KubernetesClientException e) {
        throw failure(e, "reading", item, t);
      }
      if (live == null) {
        out.add(new ObjectChange(item.id(), ObjectChange.Action.CREATE, List.of()));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> liveFields = Serialization.jsonMapper().convertValue(live, Map.class);
      List<String> lines = new ArrayList<>();
      boolean secret = "Secret".equals(item.object().getKind());
      diff("", secret ? asData(item.fields()) : item.fields(), liveFields, secret, lines);
      out.add(
          new ObjectChange(
              item.id(),
              lines.isEmpty() ? ObjectChange.Action.UNCHANGED : ObjectChange.Action.CHANGE,
              lines));
    }
    return out;
  }

  void apply(Target t, List<Manifest> files) {
    for (Item item : parse(t, files)) {
      try {
        client
            .resource(item.object())
            .inNamespace(t.namespace())
            .fieldManager(FIELD_MANAGER)
            .forceConflicts()
            .serverSideApply();
      } catch (KubernetesClientException e) {
        throw failure(e, "applying", item, t);
      }
    }
  }

  /** Every object of the files, in order, checked and put into the target's namespace. */
  static List<Item> parse(Target t, List<Manifest> files) {
    List<Item> items = new ArrayList<>();
    for (Manifest m : files) {
      int n = 0;
      for (String doc : DOCUMENT.split(m.text())) {
        n++;
        if (doc.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("#"))) {
          continue;
        }
        String where = m.file() + " (document " + n + ")";
        Map<String, Object> fields;
        try {
          fields = Serialization.unmarshal(doc, Map.class);
        } catch (RuntimeException e) {
          throw new ManifestException(
              where + " is not valid YAML: " + firstLine(e.getMessage()),
              "fix the YAML; documents are separated by lines of ---");
        }
        if (fields == null) {
          continue;
        }
        String apiVersion = text(fields.get("apiVersion"));
        String kind = text(fields.get("kind"));
        Object metadata = fields.get("metadata");
        String name = metadata instanceof Map<?, ?> md ? text(md.get("name")) : "";
        if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
          throw new ManifestException(
              where + " lacks " + missing(apiVersion, kind, name),
              "every object needs apiVersion, kind and metadata.name, e.g. apiVersion: v1,"
                  + " kind: ConfigMap, metadata: {name: settings}");
        }
        String namespace = text(((Map<?, ?>) metadata).get("namespace"));
        if (!namespace.isEmpty() && !namespace.equals(t.namespace())) {
          throw new ManifestException(
              where
                  + ": "
                  + kind
                  + "/"
                  + name
                  + " names namespace "
                  + namespace
                  + ", but this bundle is applied into "
                  + t.namespace(),
              "remove metadata.namespace (objects go into the target's namespace) or write"
                  + " namespace: "
                  + t.namespace());
        }
        HasMetadata object;
        try {
          object = Serialization.jsonMapper().convertValue(fields, HasMetadata.class);
        } catch (IllegalArgumentException e) {
          throw new ManifestException(
              where
                  + ": "
                  + kind
                  + "/"
                  + name
                  + " is not a valid object: "
                  + firstLine(e.getMessage()),
              "check its fields against the " + kind + " reference");
        }
        object.getMetadata().setNamespace(t.namespace());
        @SuppressWarnings("unchecked")
        Map<String, Object> metaCopy =
            new java.util.LinkedHashMap<>((Map<String, Object>) metadata);
        metaCopy.remove("namespace");
        Map<String, Object> compared = new java.util.LinkedHashMap<>(fields);
        compared.remove("apiVersion");
        compared.remove("kind");
        compared.put("metadata", metaCopy);
        items.add(new Item(m.file(), compared, object));
      }
    }
    return items;
  }

  /** Appends a line per field of {@code wanted} that {@code live} does not hold. */
  private static void diff(
      String path, Map<String, Object> wanted, Object live, boolean secret, List<String> lines) {
    Map<?, ?> liveMap = live instanceof Map<?, ?> m ? m : Map.of();
    for (Map.Entry<String, Object> e : wanted.entrySet()) {
      String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      Object want = e.getValue();
      Object have = liveMap.get(e.getKey());
      if (want instanceof Map<?, ?> wm && (have == null || have instanceof Map<?, ?>)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) wm;
        diff(p, next, have, secret, lines);
        continue;
      }
      if (same(want, have)) {
        continue;
      }
      if (secret && (p.startsWith("data.") || p.startsWith("stringData."))) {
        lines.add(p + ": changed");
      } else {
        lines.add(p + ": " + shown(have) + " → " + shown(want));
      }
    }
  }

  /**
   * A Secret's fields with its {@code stringData} moved into {@code data}, base64-encoded as the
   * API server keeps them, so that both compare with the live {@code data}.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> asData(Map<String, Object> fields) {
    if (!(fields.get("stringData") instanceof Map<?, ?> plain)) {
      return fields;
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>(fields);
    out.remove("stringData");
    Map<String, Object> data =
        out.get("data") instanceof Map<?, ?> d
            ? new java.util.LinkedHashMap<>((Map<String, Object>) d)
            : new java.util.LinkedHashMap<>();
    plain.forEach(
        (k, v) ->
            data.put(
                String.valueOf(k),
                Base64.getEncoder().encodeToString(text(v).getBytes(StandardCharsets.UTF_8))));
    out.put("data", data);
    return out;
  }

  /**
   * Whether the live value holds what the manifest wants: maps by the wanted keys only (the API
   * server adds defaults, such as a port's protocol), lists element by element, scalars as text.
   */
  private static boolean same(Object want, Object have) {
    if (want == null || have == null) {
      return want == have;
    }
    if (want instanceof Map<?, ?> wm) {
      if (!(have instanceof Map<?, ?> hm)) {
        return false;
      }
      return wm.entrySet().stream().allMatch(e -> same(e.getValue(), hm.get(e.getKey())));
    }
    if (want instanceof List<?> wl) {
      if (!(have instanceof List<?> hl) || wl.size() != hl.size()) {
        return false;
      }
      for (int i = 0; i < wl.size(); i++) {
        if (!same(wl.get(i), hl.get(i))) {
          return false;
        }
      }
      return true;
    }
    return String.valueOf(want).equals(String.valueOf(have));
  }

  private static String shown(Object value) {
    if (value == null) {
      return "(none)";
    }
    String s =
        value instanceof Map<?, ?> || value instanceof List<?>
            ? Serialization.asJson(value)
            : String.valueOf(value);
    s = s.replace("\n", "⏎");
    return s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
  }

  private static String missing(String apiVersion, String kind, String name) {
    List<String> m = new ArrayList<>();
    if (apiVersion.isEmpty()) {
      m.add("apiVersion");
    }
    if (kind.isEmpty()) {
      m.add("kind");
    }
    if (name.isEmpty()) {
      m.add("metadata.name");
    }
    return String.join(", ", m);
  }

  private static String text(Object o) {
    return o == null ? "" : String.valueOf(o).strip();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static ClusterException failure(
      KubernetesClientException e, String doing, Item item, Target t) {
    return new ClusterException(
        "while "
            + doing
            + " "
            + item.id()
            + " (from "
            + item.file()
            + ") in "
            + t.namespace()
            + " of cluster "
            + t.cluster()
            + ": "
            + Failures.reason(e),
        e);
  }
}
