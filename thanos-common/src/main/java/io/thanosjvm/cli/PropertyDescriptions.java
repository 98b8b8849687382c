package io.thanosjvm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The description of every configuration property, read from the {@code META-INF/spring-configuration-metadata.json}
 * files on the class path. The annotation processor writes them from the fields' Javadoc, so a property's Javadoc
 * is the one text of its help.
 */
public final class PropertyDescriptions {

  /** Where the annotation processor writes the metadata. */
  public static final String RESOURCE = "META-INF/spring-configuration-metadata.json";

  private static volatile Map<String, String> loaded;

  private PropertyDescriptions() {}

  /**
   * The description of a property.
   *
   * @throws IllegalStateException when the property has no description (no Javadoc, or not a bound property)
   */
  public static String of(String property) {
    String d = all().get(property);
    if (d == null || d.isBlank()) {
      throw new IllegalStateException("property " + property + " has no description in " + RESOURCE
          + ": give its field Javadoc (and a getter and setter, so it is bound)");
    }
    return d;
  }

  /** Every property with its description. */
  public static Map<String, String> all() {
    Map<String, String> m = loaded;
    if (m == null) {
      m = Collections.unmodifiableMap(load());
      loaded = m;
    }
    return m;
  }

  private static Map<String, String> load() {
    Map<String, String> byName = new HashMap<>();
    JsonMapper json = JsonMapper.builder().build();
    try {
      Enumeration<URL> urls = PropertyDescriptions.class.getClassLoader().getResources(RESOURCE);
      while (urls.hasMoreElements()) {
        try (InputStream in = urls.nextElement().openStream()) {
          for (JsonNode p : json.readTree(in).path("properties")) {
            byName.putIfAbsent(p.path("name").asString(), p.path("description").asString(""));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
    return byName;
  }
}
