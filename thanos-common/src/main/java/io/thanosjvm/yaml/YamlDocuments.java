package io.thanosjvm.yaml;

import java.util.Iterator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The one way the suite reads untrusted YAML: the safe constructor (plain maps, lists and scalars only), SnakeYAML's
 * alias and size limits, and every parser failure — including the ones SnakeYAML does not wrap, such as a bad
 * {@code !!binary} value — reported as an {@link InvalidYamlException}. Only the first document is read, as Go's
 * {@code yaml.Unmarshal} does.
 */
public final class YamlDocuments {

  private YamlDocuments() {}

  /**
   * The first document of {@code yaml} as maps, lists and scalars; null for an empty text.
   *
   * @param allowDuplicateKeys false to refuse a mapping that repeats a key (Go's strict unmarshalling)
   * @throws InvalidYamlException when the text is not valid YAML
   */
  public static Object first(String yaml, boolean allowDuplicateKeys) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(allowDuplicateKeys);
    try {
      Iterator<Object> docs = new Yaml(new SafeConstructor(options)).loadAll(yaml).iterator();
      return docs.hasNext() ? docs.next() : null;
    } catch (YAMLException e) {
      throw new InvalidYamlException(e.getMessage(), e);
    } catch (IllegalArgumentException e) { // SnakeYAML's base64 decoder for !!binary throws it unwrapped
      throw new InvalidYamlException("invalid scalar: " + e.getMessage(), e);
    }
  }
}
