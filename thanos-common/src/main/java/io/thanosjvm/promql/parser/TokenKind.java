package io.thanosjvm.promql.parser;

/** Lexical token kinds. Keywords are identifiers; the parser reads them by text. */
enum TokenKind {
  NUMBER, DURATION, STRING, IDENTIFIER, LEFT_PAREN, RIGHT_PAREN, LEFT_BRACE, RIGHT_BRACE, LEFT_BRACKET,
  RIGHT_BRACKET, COMMA, COLON, ASSIGN, EQL, NEQ, LTE, LSS, GTE, GTR, EQL_REGEX, NEQ_REGEX, ADD, SUB, MUL, DIV,
  MOD, POW, AT, ERROR, EOF
}
