package io.thanosjvm.promql.parser;

/**
 * A token.
 *
 * @param kind the kind
 * @param text the source text (unquoted value for strings)
 * @param pos the 0-based start offset
 * @param raw the raw source text
 */
record Token(TokenKind kind, String text, int pos, String raw) {

  /** How Prometheus names the token in "unexpected ..." messages. */
  String describe() {
    return switch (kind) {
      case EOF -> "end of input";
      case NUMBER -> "number " + quoteGo(raw);
      case DURATION -> "duration " + quoteGo(raw);
      case STRING -> "string " + quoteGo(raw);
      case IDENTIFIER -> Keywords.describe(text);
      case LEFT_PAREN -> "(";
      case RIGHT_PAREN -> ")";
      case LEFT_BRACE -> "{";
      case RIGHT_BRACE -> "}";
      case LEFT_BRACKET -> "[";
      case RIGHT_BRACKET -> "]";
      case COMMA -> "\",\"";
      case COLON -> "\":\"";
      case ASSIGN -> "\"=\"";
      case AT -> "@";
      default -> raw;
    };
  }

  private static String quoteGo(String s) {
    return io.thanosjvm.model.PromStrings.quote(s);
  }
}
