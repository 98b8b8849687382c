package io.thanosjvm.receive.hashring;

import io.thanosjvm.model.Labels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the hashrings file ({@code --receive.hashrings-file} / {@code --receive.hashrings}): a JSON array of
 * hashrings with Thanos' keys {@code hashring}, {@code tenants}, {@code tenant_matcher_type}, {@code endpoints}
 * (strings or {@code {address, capnproto_address, az}} objects), {@code algorithm} and {@code external_labels}.
 * Every problem is an {@link IllegalArgumentException} naming the hashring and key; keys this implementation does
 * not support (e.g. {@code shuffle_sharding_config}) are refused rather than ignored, so routing is never silently
 * different from what the file asks for.
 */
public final class HashringConfigParser {

  private static final Set<String> KEYS =
      Set.of("hashring", "tenants", "tenant_matcher_type", "endpoints", "algorithm", "external_labels");
  private static final Set<String> ENDPOINT_KEYS = Set.of("address", "capnproto_address", "az");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private HashringConfigParser() {}

  /**
   * Parses the file's content.
   *
   * @throws IllegalArgumentException for malformed JSON, an empty list, unknown keys or bad values
   */
  public static List<HashringConfig> parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("hashrings: invalid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException("hashrings: expected a JSON array of hashrings");
    }
    if (root.isEmpty()) {
      throw new IllegalArgumentException("hashrings: the configuration holds no hashring");
    }
    List<HashringConfig> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      out.add(hashring(root.get(i), i));
    }
    return out;
  }

  private static HashringConfig hashring(JsonNode node, int index) {
    String where = "hashrings[" + index + "]";
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": expected an object");
    }
    for (String key : node.propertyNames()) {
      if (key.equals("shuffle_sharding_config")) {
        throw new IllegalArgumentException(where + ": shuffle_sharding_config is not supported yet; remove it");
      }
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(where + ": unknown key \"" + key + "\"; known: " + String.join(", ",
            List.of("hashring", "tenants", "tenant_matcher_type", "endpoints", "algorithm", "external_labels")));
      }
    }
    String name = text(node, "hashring", where);
    where = name.isEmpty() ? where : where + " (\"" + name + "\")";
    List<String> tenants = new ArrayList<>();
    JsonNode t = node.get("tenants");
    if (t != null && !t.isNull()) {
      if (!t.isArray()) {
        throw new IllegalArgumentException(where + ": tenants must be a list of strings");
      }
      for (JsonNode v : t) {
        if (!v.isString()) {
          throw new IllegalArgumentException(where + ": tenants must be a list of strings");
        }
        tenants.add(v.asString());
      }
    }
    try {
      TenantMatcher matcher = TenantMatcher.parse(text(node, "tenant_matcher_type", where));
      String algorithm = text(node, "algorithm", where);
      return new HashringConfig(name, tenants, matcher, endpoints(node.get("endpoints"), where),
          algorithm.isEmpty() ? null : HashringAlgorithm.parse(algorithm), labels(node.get("external_labels"), where));
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("hashrings[")) {
        throw e;
      }
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  private static List<Endpoint> endpoints(JsonNode node, String where) {
    List<Endpoint> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(where + ": endpoints must be a list");
    }
    for (JsonNode e : node) {
      if (e.isString()) {
        out.add(Endpoint.of(e.asString()));
      } else if (e.isObject()) {
        for (String key : e.propertyNames()) {
          if (!ENDPOINT_KEYS.contains(key)) {
            throw new IllegalArgumentException(where + ": unknown endpoint key \"" + key
                + "\"; known: address, capnproto_address, az");
          }
        }
        out.add(new Endpoint(text(e, "address", where), text(e, "capnproto_address", where), text(e, "az", where)));
      } else {
        throw new IllegalArgumentException(where + ": an endpoint is a \"host:port\" string or an object");
      }
    }
    return out;
  }

  private static Labels labels(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return Labels.EMPTY;
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException(where + ": external_labels must be an object of strings");
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isString()) {
        throw new IllegalArgumentException(where + ": external label \"" + e.getKey() + "\" must be a string");
      }
      m.put(e.getKey(), e.getValue().asString());
    }
    return Labels.fromMap(m);
  }

  private static String text(JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isString()) {
      throw new IllegalArgumentException(where + ": " + key + " must be a string");
    }
    return v.asString();
  }
}
