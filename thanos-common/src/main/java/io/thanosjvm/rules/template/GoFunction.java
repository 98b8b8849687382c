package io.thanosjvm.rules.template;

import java.util.List;

/**
 * A template function with its Go signature: the parameter types decide how arguments are checked and converted,
 * as Go's {@code text/template} does through reflection.
 *
 * @param name the name templates call it by
 * @param params the parameter types; with {@code variadic} the last one is the element type of the {@code ...}
 * @param variadic whether the last parameter is variadic
 * @param body the implementation
 */
record GoFunction(String name, List<Type> params, boolean variadic, Body body) {

  /** The Go parameter types that template functions here use. */
  enum Type {
    STRING("string"), FLOAT("float64"), ANY("interface {}"), VALUE("reflect.Value"), SAMPLE("*template.sample"),
    QUERY_RESULT("template.queryResult");

    private final String goName;

    Type(String goName) {
      this.goName = goName;
    }

    String goName() {
      return goName;
    }

    boolean canBeNil() {
      return this == ANY || this == SAMPLE || this == QUERY_RESULT;
    }
  }

  /** The implementation; a {@link CallError} becomes Go's {@code error calling NAME: ...}. */
  @FunctionalInterface
  interface Body {
    Object call(List<Object> args);
  }

  /** The error a Go function returns (or a panic it raises), with Go's message. */
  static final class CallError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CallError(String message) {
      super(message, null, false, false);
    }
  }
}
