package io.thanosjvm.model;

/** The four Prometheus label matcher kinds, with their PromQL operator and StoreAPI wire number. */
public enum MatchType {
  /** {@code =} */
  EQUAL("=", 0),
  /** {@code !=} */
  NOT_EQUAL("!=", 1),
  /** {@code =~} (fully anchored regular expression) */
  REGEX("=~", 2),
  /** {@code !~} (fully anchored regular expression) */
  NOT_REGEX("!~", 3);

  private final String operator;
  private final int wireNumber;

  MatchType(String operator, int wireNumber) {
    this.operator = operator;
    this.wireNumber = wireNumber;
  }

  /** The PromQL operator. */
  public String operator() {
    return operator;
  }

  /** The enum number in {@code thanos.LabelMatcher.Type} and {@code prometheus.LabelMatcher.Type}. */
  public int wireNumber() {
    return wireNumber;
  }

  /** The type for a wire number. */
  public static MatchType fromWire(int number) {
    for (MatchType t : values()) {
      if (t.wireNumber == number) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown label matcher type " + number);
  }
}
