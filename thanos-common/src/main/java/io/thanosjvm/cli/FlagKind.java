package io.thanosjvm.cli;

/** How a flag's value is taken and turned into property arguments. */
public enum FlagKind {
  /** One value; the last occurrence wins. */
  SINGLE,
  /** A boolean: bare {@code --flag} means true, {@code --no-flag} false, {@code --flag=false} works too. */
  BOOLEAN,
  /** Repeatable; each occurrence adds one element (commas stay inside the element). */
  LIST,
  /** Repeatable; each occurrence may also hold a comma-separated list of elements. */
  COMMA_LIST,
  /**
   * A real Thanos flag this implementation does not support yet and must not silently ignore (for
   * example TLS): start-up fails with a message saying so.
   */
  NOT_IMPLEMENTED
}
