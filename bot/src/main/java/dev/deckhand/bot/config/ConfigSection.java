package dev.deckhand.bot.config;

import dev.deckhand.commands.catalog.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A service's {@code config: {<env>: {configmap, from}}}, {@code secret:} and {@code secret-keys:
 * {KEY: "env:NAME" | "file:PATH"}}. Checks names, the environments, that each source file exists
 * (relative paths start at the catalog's directory) and that every secret key is a reference; reads
 * no file's content and resolves no reference: the commands read them when they plan and run.
 */
final class ConfigSection {
  static final String SOURCE_HINT =
      "write env-file:PATH (KEY=VALUE lines) or yaml:PATH (a map of strings), relative to the"
          + " catalog's directory";

  private ConfigSection() {}

  /**
   * @param environments the environments the service runs in
   * @return what the service declares ({@link ServiceConfig#NONE} when nothing); problems are
   *     reported
   */
  static ServiceConfig parse(YamlMap service, Collection<String> environments) {
    Map<String, ServiceConfig.ConfigMapSource> maps = new LinkedHashMap<>();
    service
        .get("config")
        .flatMap(YamlNode::namedMap)
        .ifPresent(m -> configMaps(m, environments, maps));
    Optional<String> secret =
        service.text("secret").filter(s -> service.accept("secret", Names.subdomainProblem(s)));
    Map<String, ServiceConfig.Source<String>> keys = new LinkedHashMap<>();
    service.get("secret-keys").flatMap(YamlNode::namedMap).ifPresent(m -> secretKeys(m, keys));
    Optional<YamlNode> secretNode = service.get("secret").filter(n -> !n.isNull());
    Optional<YamlNode> keysNode = service.get("secret-keys");
    if (secretNode.isEmpty() && keysNode.isPresent()) {
      keysNode.get().problem("needs secret: NAME, the Secret these keys belong to");
    }
    if (secretNode.isPresent() && keysNode.isEmpty()) {
      secretNode
          .get()
          .problem("add secret-keys: { KEY: \"env:VARIABLE\" }, the keys /secret-update may set");
    }
    return new ServiceConfig(maps, secret.orElse(""), keys);
  }

  private static void configMaps(
      YamlMap map,
      Collection<String> environments,
      Map<String, ServiceConfig.ConfigMapSource> out) {
    for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
      String env = entry.getKey();
      YamlNode node = entry.getValue();
      if (!environments.contains(env)) {
        node.problem(
            References.unknown("environment", env, environments)
                + " (config is given per environment the service runs in)");
        continue;
      }
      Optional<YamlMap> fields = node.map("configmap", "from");
      if (fields.isEmpty()) {
        continue;
      }
      Optional<String> name =
          fields
              .get()
              .requiredText("configmap")
              .filter(n -> fields.get().accept("configmap", Names.subdomainProblem(n)));
      Optional<ServiceConfig.Source<java.util.Map<String, String>>> source =
          fields.get().required("from", "; " + SOURCE_HINT).flatMap(ConfigSection::dataFile);
      if (name.isPresent() && source.isPresent()) {
        out.put(env, new ServiceConfig.ConfigMapSource(name.get(), source.get()));
      }
    }
  }

  private static Optional<ServiceConfig.Source<Map<String, String>>> dataFile(YamlNode node) {
    Optional<String> text = node.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    for (ConfigSources.Format format : ConfigSources.Format.values()) {
      if (text.get().startsWith(format.prefix)) {
        String path = text.get().substring(format.prefix.length()).strip();
        if (path.isEmpty()) {
          node.problem(format.prefix + " needs a path; " + SOURCE_HINT);
          return Optional.empty();
        }
        Path file = node.context().baseDir().resolve(path).normalize();
        if (!Files.isRegularFile(file)) {
          node.problem(
              "file "
                  + file
                  + " does not exist (relative paths start at the catalog's directory, "
                  + node.context().baseDir()
                  + ")");
          return Optional.empty();
        }
        return Optional.of(new ConfigSources.DataFile(text.get(), format, file));
      }
    }
    node.problem(YamlNode.quote(text.get()) + " is not a source; " + SOURCE_HINT);
    return Optional.empty();
  }

  private static void secretKeys(YamlMap map, Map<String, ServiceConfig.Source<String>> out) {
    for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
      String key = entry.getKey();
      YamlNode node = entry.getValue();
      if (!ConfigSources.isKey(key)) {
        node.problem("'" + key + "' is not a Secret key; use letters, digits, '-', '_' or '.'");
        continue;
      }
      Optional<String> text = node.text();
      if (node.isNull()) {
        node.problem("required: where the value comes from, env:NAME or file:/path");
        continue;
      }
      if (text.isEmpty()) {
        continue;
      }
      Optional<SecretReference> reference;
      try {
        reference = SecretReference.parse(text.get());
      } catch (IllegalArgumentException e) {
        node.problem(e.getMessage());
        continue;
      }
      if (reference.isEmpty()) {
        // never quote it: it may be the secret itself
        node.problem(
            "write where the value comes from as env:NAME or file:/path, never the value itself");
        continue;
      }
      out.put(
          key,
          new ConfigSources.Reference(
              Secrets.absolute(reference.get(), node.context().baseDir()),
              node.context().secrets()));
    }
  }
}
