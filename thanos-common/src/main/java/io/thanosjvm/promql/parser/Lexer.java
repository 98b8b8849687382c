package io.thanosjvm.promql.parser;

import io.thanosjvm.model.PromDuration;
import io.thanosjvm.promql.PromqlParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits a PromQL query into tokens. */
final class Lexer {

  private final String in;
  private int pos;
  private int bracketDepth;
  private int parenDepth;
  private boolean braceOpen;
  private final List<Token> out = new ArrayList<>();

  private Lexer(String in) {
    this.in = in;
  }

  /** Tokenises the whole query; the last token is EOF. */
  static List<Token> lex(String query) {
    Lexer l = new Lexer(query);
    try {
      l.run();
    } catch (PromqlParseException e) {
      l.out.add(new Token(TokenKind.ERROR, e.detail(), e.position(), ""));
      l.out.add(new Token(TokenKind.EOF, "", query.length(), ""));
    }
    return l.out;
  }

  private PromqlParseException err(int at, String msg) {
    return new PromqlParseException(in, at, msg);
  }

  private void emit(TokenKind kind, int start, String text) {
    out.add(new Token(kind, text, start, in.substring(start, pos)));
  }

  private void run() {
    while (true) {
      skipSpaceAndComments();
      if (pos >= in.length()) {
        if (braceOpen) {
          throw err(pos, "unexpected end of input inside braces");
        }
        if (parenDepth > 0) {
          throw err(pos, "unclosed left parenthesis");
        }
        if (bracketDepth > 0) {
          throw err(pos, "unclosed left bracket");
        }
        out.add(new Token(TokenKind.EOF, "", pos, ""));
        return;
      }
      int start = pos;
      char c = in.charAt(pos);
      if (Character.isDigit(c) || (c == '.' && pos + 1 < in.length() && Character.isDigit(in.charAt(pos + 1)))) {
        lexNumberOrDuration();
        continue;
      }
      if (c == ':' && bracketDepth > 0) {
        pos++;
        emit(TokenKind.COLON, start, ":");
        continue;
      }
      if (isIdentStart(c)) {
        while (pos < in.length() && isIdentPart(in.charAt(pos))) {
          pos++;
        }
        String word = in.substring(start, pos);
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.equals("inf") || lower.equals("nan")) {
          emit(TokenKind.NUMBER, start, word);
        } else {
          emit(TokenKind.IDENTIFIER, start, word);
        }
        continue;
      }
      if (c == '"' || c == '\'' || c == '`') {
        lexString(c);
        continue;
      }
      pos++;
      char n = pos < in.length() ? in.charAt(pos) : 0;
      switch (c) {
        case '(' -> {
          parenDepth++;
          emit(TokenKind.LEFT_PAREN, start, "(");
        }
        case ')' -> {
          if (parenDepth == 0) {
            throw err(start, "unexpected right parenthesis ')'");
          }
          parenDepth--;
          emit(TokenKind.RIGHT_PAREN, start, ")");
        }
        case '{' -> {
          if (braceOpen) {
            throw err(start, "unexpected left brace '{'");
          }
          braceOpen = true;
          emit(TokenKind.LEFT_BRACE, start, "{");
        }
        case '}' -> {
          if (!braceOpen) {
            throw err(start, "unexpected right brace '}'");
          }
          braceOpen = false;
          emit(TokenKind.RIGHT_BRACE, start, "}");
        }
        case '[' -> {
          bracketDepth++;
          emit(TokenKind.LEFT_BRACKET, start, "[");
        }
        case ']' -> {
          if (bracketDepth == 0) {
            throw err(start, "unexpected right bracket ']'");
          }
          bracketDepth--;
          emit(TokenKind.RIGHT_BRACKET, start, "]");
        }
        case ',' -> emit(TokenKind.COMMA, start, ",");
        case ':' -> emit(TokenKind.COLON, start, ":");
        case '@' -> emit(TokenKind.AT, start, "@");
        case '+' -> emit(TokenKind.ADD, start, "+");
        case '-' -> emit(TokenKind.SUB, start, "-");
        case '*' -> emit(TokenKind.MUL, start, "*");
        case '/' -> emit(TokenKind.DIV, start, "/");
        case '%' -> emit(TokenKind.MOD, start, "%");
        case '^' -> emit(TokenKind.POW, start, "^");
        case '=' -> {
          if (n == '=') {
            pos++;
            emit(TokenKind.EQL, start, "==");
          } else if (n == '~') {
            pos++;
            emit(TokenKind.EQL_REGEX, start, "=~");
          } else {
            emit(TokenKind.ASSIGN, start, "=");
          }
        }
        case '!' -> {
          if (n == '=') {
            pos++;
            emit(TokenKind.NEQ, start, "!=");
          } else if (n == '~') {
            pos++;
            emit(TokenKind.NEQ_REGEX, start, "!~");
          } else {
            throw err(start, "unexpected character after '!'" + (braceOpen ? " inside braces" : "") + ": "
                + describeChar(n));
          }
        }
        case '<' -> {
          if (n == '=') {
            pos++;
            emit(TokenKind.LTE, start, "<=");
          } else {
            emit(TokenKind.LSS, start, "<");
          }
        }
        case '>' -> {
          if (n == '=') {
            pos++;
            emit(TokenKind.GTE, start, ">=");
          } else {
            emit(TokenKind.GTR, start, ">");
          }
        }
        default -> throw err(start, "unexpected character: " + describeChar(c));
      }
    }
  }

  private static String describeChar(char c) {
    return c == 0 ? "end of input" : "'" + c + "'";
  }

  private void skipSpaceAndComments() {
    while (pos < in.length()) {
      char c = in.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < in.length() && in.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  static boolean isIdentStart(char c) {
    return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isIdentPart(char c) {
    return isIdentStart(c) || (c >= '0' && c <= '9');
  }

  private void lexNumberOrDuration() {
    int start = pos;
    // A duration: digits followed by a unit letter.
    int p = pos;
    while (p < in.length() && Character.isDigit(in.charAt(p))) {
      p++;
    }
    if (p > pos && p < in.length() && Character.isLetter(in.charAt(p)) && !isHexStart(start)) {
      int q = p;
      while (q < in.length() && (Character.isLetterOrDigit(in.charAt(q)))) {
        q++;
      }
      String word = in.substring(start, q);
      if (PromDuration.isDuration(word)) {
        pos = q;
        emit(TokenKind.DURATION, start, word);
        return;
      }
    }
    if (isHexStart(start)) {
      pos += 2;
      while (pos < in.length() && Character.digit(in.charAt(pos), 16) >= 0) {
        pos++;
      }
    } else {
      while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
        pos++;
      }
      if (pos < in.length() && in.charAt(pos) == '.') {
        pos++;
        while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
          pos++;
        }
      }
      if (pos < in.length() && (in.charAt(pos) == 'e' || in.charAt(pos) == 'E')) {
        int save = pos;
        pos++;
        if (pos < in.length() && (in.charAt(pos) == '+' || in.charAt(pos) == '-')) {
          pos++;
        }
        if (pos < in.length() && Character.isDigit(in.charAt(pos))) {
          while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
            pos++;
          }
        } else {
          pos = save;
        }
      }
    }
    if (pos < in.length() && (isIdentPart(in.charAt(pos)) || in.charAt(pos) == '.')) {
      int q = pos;
      while (q < in.length() && (isIdentPart(in.charAt(q)) || in.charAt(q) == '.')) {
        q++;
      }
      throw err(start, "bad number or duration syntax: \"" + in.substring(start, q) + "\"");
    }
    emit(TokenKind.NUMBER, start, in.substring(start, pos));
  }

  private boolean isHexStart(int at) {
    return at + 1 < in.length() && in.charAt(at) == '0' && (in.charAt(at + 1) == 'x' || in.charAt(at + 1) == 'X');
  }

  private void lexString(char quote) {
    int start = pos;
    pos++;
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= in.length()) {
        throw err(start, "unterminated quoted string");
      }
      char c = in.charAt(pos);
      if (c == quote) {
        pos++;
        emit(TokenKind.STRING, start, sb.toString());
        return;
      }
      if (quote != '`' && c == '\n') {
        throw err(start, "unterminated quoted string");
      }
      if (quote != '`' && c == '\\') {
        pos = GoEscapes.unescape(in, pos, quote, sb, this::err);
        continue;
      }
      sb.append(c);
      pos++;
    }
  }
}
