package io.thanosjvm.promql.parser;

import io.thanosjvm.model.PromStrings;
import io.thanosjvm.promql.ast.AggregateOp;
import java.util.Locale;
import java.util.Set;

/**
 * A token.
 *
 * @param kind the kind
 * @param text the source text (unquoted value for strings, message for errors)
 * @param pos the 0-based start offset
 * @param raw the raw source text
 */
record Token(TokenKind kind, String text, int pos, String raw) {

  private static final Set<String> KEYWORDS = Set.of("offset", "by", "without", "on", "ignoring", "group_left",
      "group_right", "bool", "start", "end");
  private static final Set<String> WORD_OPERATORS = Set.of("and", "or", "unless", "atan2");

  /** How Prometheus names the token in "unexpected ..." messages. */
  String describe() {
    return switch (kind) {
      case EOF -> "end of input";
      case NUMBER -> "number " + PromStrings.quote(raw);
      case DURATION -> "duration " + PromStrings.quote(raw);
      case STRING -> "string " + PromStrings.quote(raw);
      case IDENTIFIER -> {
        String l = text.toLowerCase(Locale.ROOT);
        if (WORD_OPERATORS.contains(l)) {
          yield "<op:" + text + ">";
        }
        if (KEYWORDS.contains(l)) {
          yield "<" + text + ">";
        }
        if (AggregateOp.byName(l) != null) {
          yield "<aggr:" + text + ">";
        }
        yield (text.indexOf(':') >= 0 ? "metric identifier " : "identifier ") + PromStrings.quote(text);
      }
      case ADD, SUB, MUL, DIV, MOD, POW, EQL, NEQ, LTE, LSS, GTE, GTR, EQL_REGEX, NEQ_REGEX, AT -> "<op:" + raw + ">";
      default -> PromStrings.quote(raw);
    };
  }
}
