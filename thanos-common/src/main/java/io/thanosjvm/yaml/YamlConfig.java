package io.thanosjvm.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One kind of YAML configuration: how its errors are named ({@code prefix}, e.g. {@code "objstore config
 * bucket.yml"}) and thrown (its exception type). Loads the first document of a YAML text (duplicate keys
 * rejected, safe constructor) as the top-level mapping.
 */
public final class YamlConfig {

  private final String prefix;
  private final BiFunction<String, Throwable, ? extends RuntimeException> exception;

  /**
   * A configuration kind.
   *
   * @param prefix what every error message starts with (followed by {@code ": "} and the problem)
   * @param exception makes the exception from the whole message and the cause (null when none)
   */
  public YamlConfig(String prefix, BiFunction<String, Throwable, ? extends RuntimeException> exception) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.exception = Objects.requireNonNull(exception, "exception");
  }

  /** The error for {@code problem}. */
  public RuntimeException error(String problem) {
    return exception.apply(prefix + ": " + problem, null);
  }

  /** The error for {@code problem} caused by {@code cause}. */
  public RuntimeException error(String problem, Throwable cause) {
    return exception.apply(prefix + ": " + problem, cause);
  }

  /**
   * The first YAML document of {@code yaml}, which must be a mapping.
   *
   * @param expected what the mapping holds, for the error when it is not one (e.g. "type, config and prefix")
   * @throws the configuration's exception for invalid YAML, an empty text or a top level that is no mapping
   */
  public Map<?, ?> firstMapping(String yaml, String expected) {
    try {
      Object first = YamlDocuments.first(yaml, false);
      if (first == null) {
        throw error("empty configuration");
      }
      if (!(first instanceof Map<?, ?> map)) {
        throw error("expected a mapping with " + expected);
      }
      return map;
    } catch (InvalidYamlException e) {
      throw error("invalid YAML: " + e.getMessage(), e);
    }
  }

  /**
   * The first YAML document of {@code yaml} as a list of mappings (an empty text is an empty list), each a node
   * whose errors name its index ({@code [2].matchers}).
   *
   * @param expected what each item holds, for the error when one is not a mapping
   */
  public List<YamlNode> parseList(String yaml, String expected) {
    Object first;
    try {
      first = YamlDocuments.first(yaml, false);
    } catch (InvalidYamlException e) {
      throw error("invalid YAML: " + e.getMessage(), e);
    }
    if (first == null) {
      return List.of();
    }
    if (!(first instanceof List<?> items)) {
      throw error("expected a list of mappings with " + expected);
    }
    List<YamlNode> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> m)) {
        throw error("item " + i + ": expected a mapping with " + expected);
      }
      out.add(new YamlNode(this, "[" + i + "]", m));
    }
    return out;
  }

  /** The top-level node of the first document of {@code yaml} ({@link #firstMapping}). */
  public YamlNode parse(String yaml, String expected) {
    return new YamlNode(this, "", firstMapping(yaml, expected));
  }
}
