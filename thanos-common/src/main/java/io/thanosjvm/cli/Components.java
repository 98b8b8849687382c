package io.thanosjvm.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The components of the {@link ComponentCatalog} on the class path, by name. */
public final class Components {

  private static volatile Map<String, ComponentSpec> all;

  private Components() {}

  /** Every component, in help order. */
  public static Map<String, ComponentSpec> components() {
    Map<String, ComponentSpec> m = all;
    if (m == null) {
      Map<String, ComponentSpec> loaded = new LinkedHashMap<>();
      for (ComponentCatalog catalog : ServiceLoader.load(ComponentCatalog.class, Components.class.getClassLoader())) {
        catalog.components().forEach(c -> {
          if (loaded.putIfAbsent(c.name(), c) != null) {
            throw new IllegalStateException("component " + c.name() + " is declared twice");
          }
        });
      }
      if (loaded.isEmpty()) {
        throw new IllegalStateException("no " + ComponentCatalog.class.getName() + " on the class path");
      }
      m = Collections.unmodifiableMap(loaded);
      all = m;
    }
    return m;
  }

  /**
   * The spec of a component.
   *
   * @throws IllegalArgumentException naming the known components when unknown
   */
  public static ComponentSpec component(String name) {
    ComponentSpec spec = components().get(name);
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown component \"" + name + "\"; known: " + String.join(", ", components().keySet()));
    }
    return spec;
  }
}
