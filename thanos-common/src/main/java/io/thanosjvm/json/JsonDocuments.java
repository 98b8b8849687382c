package io.thanosjvm.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers for JSON documents held as {@link GoJson} reads them (maps, lists and scalars). */
public final class JsonDocuments {

  private JsonDocuments() {}

  /** A deep copy of a document (maps and lists copied, scalars shared). */
  @SuppressWarnings("unchecked")
  public static <T> T deepCopy(T v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> c = new LinkedHashMap<>();
      m.forEach((k, x) -> c.put((String) k, deepCopy(x)));
      return (T) c;
    }
    if (v instanceof List<?> l) {
      List<Object> c = new ArrayList<>(l.size());
      l.forEach(x -> c.add(deepCopy(x)));
      return (T) c;
    }
    return v;
  }

  /**
   * A copy of {@code m} with the keys of {@code order} first, in that order (as Go writes a struct's fields), then
   * the other keys in their original order.
   */
  public static Map<String, Object> ordered(Map<String, Object> m, String... order) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String k : order) {
      if (m.containsKey(k)) {
        out.put(k, m.get(k));
      }
    }
    m.forEach(out::putIfAbsent);
    return out;
  }

  /** {@code m} as a string-keyed document map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
