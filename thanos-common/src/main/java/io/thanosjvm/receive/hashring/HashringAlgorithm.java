package io.thanosjvm.receive.hashring;

import java.util.Locale;

/** How a hashring places series on its endpoints ({@code --receive.hashrings-algorithm}, or per hashring). */
public enum HashringAlgorithm {
  /** XXH64 of the series plus the replica number, modulo the number of endpoints (sorted by address). */
  HASHMOD,
  /** Consistent hashing with {@value KetamaHashring#SECTIONS_PER_NODE} sections per endpoint. */
  KETAMA;

  /** The name as Thanos spells it in flags and the hashrings file. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code hashmod} or {@code ketama}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static HashringAlgorithm parse(String name) {
    for (HashringAlgorithm a : values()) {
      if (a.wireName().equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown hashring algorithm \"" + name + "\"; expected hashmod or ketama");
  }
}
