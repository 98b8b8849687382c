package io.thanosjvm.promql.parser;

/** PromQL keywords are case-insensitive identifiers. */
final class Keywords {

  private Keywords() {}

  static boolean is(String ident, String keyword) {
    return ident.equalsIgnoreCase(keyword);
  }
}
