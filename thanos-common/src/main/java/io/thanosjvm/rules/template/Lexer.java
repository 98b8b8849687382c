package io.thanosjvm.rules.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Go's {@code text/template/parse} lexer with the default delimiters, trim markers and comments. */
final class Lexer {

  /** Item kinds, as Go names them. */
  enum Kind {
    ERROR, BOOL, CHAR, CHAR_CONSTANT, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM, LEFT_PAREN, NUMBER,
    PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
    // keywords
    BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH
  }

  /** One lexed item: kind, byte offset, text and the line it starts on. */
  record Item(Kind kind, int pos, String val, int line) {
    boolean isKeyword() {
      return kind.ordinal() >= Kind.BLOCK.ordinal();
    }

    @Override
    public String toString() {
      if (kind == Kind.EOF) {
        return "EOF";
      }
      if (kind == Kind.ERROR) {
        return val;
      }
      if (isKeyword()) {
        return "<" + val + ">";
      }
      if (val.length() > 10) {
        return GoFmt.sprintf("%.10q...", List.of(val));
      }
      return GoFmt.sprintf("%q", List.of(val));
    }
  }

  private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
      Map.entry(".", Kind.DOT), Map.entry("block", Kind.BLOCK), Map.entry("break", Kind.BREAK),
      Map.entry("continue", Kind.CONTINUE), Map.entry("define", Kind.DEFINE), Map.entry("else", Kind.ELSE),
      Map.entry("end", Kind.END), Map.entry("if", Kind.IF), Map.entry("range", Kind.RANGE),
      Map.entry("nil", Kind.NIL), Map.entry("template", Kind.TEMPLATE), Map.entry("with", Kind.WITH));

  private static final String LEFT = "{{";
  private static final String RIGHT = "}}";

  private final String input;
  private final List<Item> items = new ArrayList<>();
  private int pos;
  private int start;
  private int parenDepth;

  private Lexer(String input) {
    this.input = input;
  }

  /** All items up to EOF or the first error item. */
  static List<Item> lex(String input) {
    Lexer l = new Lexer(input);
    l.run();
    return l.items;
  }

  private int lineAt(int p) {
    int line = 1;
    for (int i = 0; i < p && i < input.length(); i++) {
      if (input.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private void emit(Kind kind) {
    items.add(new Item(kind, start, input.substring(start, pos), lineAt(start)));
    start = pos;
  }

  private boolean error(String message) {
    items.add(new Item(Kind.ERROR, start, message, lineAt(start)));
    return false;
  }

  private int peek() {
    return pos < input.length() ? input.codePointAt(pos) : -1;
  }

  private int next() {
    if (pos >= input.length()) {
      pos = input.length() + 1; // so backup() restores the end
      return -1;
    }
    int r = input.codePointAt(pos);
    pos += Character.charCount(r);
    return r;
  }

  private void backup(int r) {
    pos -= r < 0 ? 1 : Character.charCount(r);
  }

  private static boolean isSpace(int r) {
    return r == ' ' || r == '\t' || r == '\r' || r == '\n';
  }

  private static boolean isAlphaNumeric(int r) {
    return r == '_' || Character.isLetter(r) || Character.isDigit(r);
  }

  private boolean hasLeftTrimMarker(int at) {
    return at + 1 < input.length() && input.charAt(at) == '-' && isSpace(input.charAt(at + 1));
  }

  private boolean hasRightTrimMarker(int at) {
    return at + 1 < input.length() && isSpace(input.charAt(at)) && input.charAt(at + 1) == '-';
  }

  private void run() {
    boolean ok = true;
    while (ok) {
      // text
      int x = input.indexOf(LEFT, pos);
      if (x < 0) {
        pos = input.length();
        if (pos > start) {
          emit(Kind.TEXT);
        }
        emit(Kind.EOF);
        return;
      }
      if (x > pos) {
        pos = x;
        int trim = 0;
        if (hasLeftTrimMarker(pos + LEFT.length())) {
          int k = pos;
          while (k > start && isSpace(input.charAt(k - 1))) {
            k--;
          }
          trim = pos - k;
        }
        pos -= trim;
        if (pos > start) {
          emit(Kind.TEXT);
        }
        pos += trim;
        start = pos;
      }
      ok = lexLeftDelim();
    }
  }

  private boolean lexLeftDelim() {
    pos += LEFT.length();
    boolean trim = hasLeftTrimMarker(pos);
    int after = trim ? 2 : 0;
    if (input.startsWith("/*", pos + after)) {
      pos += after;
      start = pos;
      return lexComment();
    }
    Item left = new Item(Kind.LEFT_DELIM, start, LEFT, lineAt(start));
    pos += after;
    start = pos;
    parenDepth = 0;
    items.add(left);
    return lexInsideAction();
  }

  private boolean lexComment() {
    pos += 2;
    int x = input.indexOf("*/", pos);
    if (x < 0) {
      return error("unclosed comment");
    }
    pos = x + 2;
    int delim = atRightDelim();
    if (delim == 0) {
      return error("comment ends before closing delimiter");
    }
    pos += delim == 2 ? 2 : 0;
    pos += RIGHT.length();
    if (delim == 2) {
      skipLeadingSpace();
    }
    start = pos;
    return true;
  }

  private void skipLeadingSpace() {
    while (pos < input.length() && isSpace(input.charAt(pos))) {
      pos++;
    }
  }

  /** 0: not at a right delimiter; 1: at "}}"; 2: at " -}}". */
  private int atRightDelim() {
    if (hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + 2)) {
      return 2;
    }
    return input.startsWith(RIGHT, pos) ? 1 : 0;
  }

  private boolean lexInsideAction() {
    while (true) {
      int delim = atRightDelim();
      if (delim != 0) {
        if (parenDepth != 0) {
          return error("unclosed left paren");
        }
        if (delim == 2) {
          pos += 2;
          start = pos;
        }
        pos += RIGHT.length();
        emit(Kind.RIGHT_DELIM);
        if (delim == 2) {
          skipLeadingSpace();
          start = pos;
        }
        return true;
      }
      int r = next();
      if (r < 0) {
        return error("unclosed action");
      } else if (isSpace(r)) {
        backup(r);
        lexSpace();
      } else if (r == '=') {
        emit(Kind.ASSIGN);
      } else if (r == ':') {
        if (next() != '=') {
          return error("expected :=");
        }
        emit(Kind.DECLARE);
      } else if (r == '|') {
        emit(Kind.PIPE);
      } else if (r == '"') {
        if (!lexQuote('"', "unterminated quoted string", Kind.STRING)) {
          return false;
        }
      } else if (r == '`') {
        int x = input.indexOf('`', pos);
        if (x < 0) {
          return error("unterminated raw quoted string");
        }
        pos = x + 1;
        emit(Kind.RAW_STRING);
      } else if (r == '$') {
        if (!lexFieldOrVariable(Kind.VARIABLE)) {
          return false;
        }
      } else if (r == '\'') {
        if (!lexQuote('\'', "unterminated character constant", Kind.CHAR_CONSTANT)) {
          return false;
        }
      } else if (r == '.' && !(pos < input.length() && input.charAt(pos) >= '0' && input.charAt(pos) <= '9')) {
        if (!lexFieldOrVariable(Kind.FIELD)) {
          return false;
        }
      } else if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
        backup(r);
        if (!scanNumber()) {
          return error(GoFmt.sprintf("bad number syntax: %q", List.of(input.substring(start, pos))));
        }
        emit(Kind.NUMBER);
      } else if (isAlphaNumeric(r)) {
        backup(r);
        if (!lexIdentifier()) {
          return false;
        }
      } else if (r == '(') {
        emit(Kind.LEFT_PAREN);
        parenDepth++;
      } else if (r == ')') {
        emit(Kind.RIGHT_PAREN);
        parenDepth--;
        if (parenDepth < 0) {
          return error("unexpected right paren U+0029 ')'");
        }
      } else if (r <= 0x7F && r >= 0x20 && r != 0x7F) {
        emit(Kind.CHAR);
      } else {
        return error("unrecognized character in action: " + describeRune(r));
      }
    }
  }

  private static String describeRune(int r) {
    String hex = Integer.toHexString(r).toUpperCase(java.util.Locale.ROOT);
    String u = "U+" + "0".repeat(Math.max(0, 4 - hex.length())) + hex;
    if (Character.isISOControl(r) || !Character.isDefined(r)) {
      return u;
    }
    return u + " '" + new String(Character.toChars(r)) + "'";
  }

  private void lexSpace() {
    int n = 0;
    while (isSpace(peek())) {
      next();
      n++;
    }
    if (hasRightTrimMarker(pos - 1) && input.startsWith(RIGHT, pos + 1)) {
      pos--;
      if (n == 1) {
        return;
      }
    }
    emit(Kind.SPACE);
  }

  private boolean lexQuote(char quote, String unterminated, Kind kind) {
    while (true) {
      int r = next();
      if (r == '\\') {
        r = next();
        if (r >= 0 && r != '\n') {
          continue;
        }
        return error(unterminated);
      }
      if (r < 0 || r == '\n') {
        return error(unterminated);
      }
      if (r == quote) {
        break;
      }
    }
    emit(kind);
    return true;
  }

  private boolean atTerminator() {
    int r = peek();
    if (isSpace(r)) {
      return true;
    }
    return r == -1 || r == '.' || r == ',' || r == '|' || r == ':' || r == ')' || r == '(' || r == '}';
  }

  private boolean lexFieldOrVariable(Kind kind) {
    if (atTerminator()) {
      emit(kind == Kind.VARIABLE ? Kind.VARIABLE : Kind.DOT);
      return true;
    }
    int r;
    while (true) {
      r = next();
      if (!isAlphaNumeric(r)) {
        backup(r);
        break;
      }
    }
    if (!atTerminator()) {
      return error("bad character " + describeRune(r));
    }
    emit(kind);
    return true;
  }

  private boolean lexIdentifier() {
    int r;
    while (true) {
      r = next();
      if (!isAlphaNumeric(r)) {
        backup(r);
        break;
      }
    }
    String word = input.substring(start, pos);
    if (!atTerminator()) {
      return error("bad character " + describeRune(r));
    }
    Kind kw = KEYWORDS.get(word);
    if (kw != null) {
      emit(kw);
    } else if (word.equals("true") || word.equals("false")) {
      emit(Kind.BOOL);
    } else {
      emit(Kind.IDENTIFIER);
    }
    return true;
  }

  private boolean accept(String valid) {
    int r = next();
    if (r >= 0 && valid.indexOf(r) >= 0) {
      return true;
    }
    backup(r);
    return false;
  }

  private void acceptRun(String valid) {
    while (true) {
      int r = next();
      if (r < 0 || valid.indexOf(r) < 0) {
        backup(r);
        return;
      }
    }
  }

  private boolean scanNumber() {
    accept("+-");
    String digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    acceptRun(digits);
    if (accept(".")) {
      acceptRun(digits);
    }
    if (digits.length() == 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (digits.length() == 23 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  }
}
