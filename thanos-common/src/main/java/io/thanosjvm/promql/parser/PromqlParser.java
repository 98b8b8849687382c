package io.thanosjvm.promql.parser;

import io.thanosjvm.model.InvalidMatcherException;
import io.thanosjvm.model.Label;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.PromDuration;
import io.thanosjvm.promql.PromqlParseException;
import io.thanosjvm.promql.ast.AggregateExpr;
import io.thanosjvm.promql.ast.AggregateOp;
import io.thanosjvm.promql.ast.AtModifier;
import io.thanosjvm.promql.ast.BinaryExpr;
import io.thanosjvm.promql.ast.BinaryOp;
import io.thanosjvm.promql.ast.Call;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.Function;
import io.thanosjvm.promql.ast.GoFloat;
import io.thanosjvm.promql.ast.MatrixSelector;
import io.thanosjvm.promql.ast.NumberLiteral;
import io.thanosjvm.promql.ast.ParenExpr;
import io.thanosjvm.promql.ast.StringLiteral;
import io.thanosjvm.promql.ast.SubqueryExpr;
import io.thanosjvm.promql.ast.UnaryExpr;
import io.thanosjvm.promql.ast.VectorMatching;
import io.thanosjvm.promql.ast.VectorSelector;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses PromQL (Prometheus 2.42 grammar) into an {@link Expr}, type-checking as Prometheus does.
 * Instances are single-use; call {@link #parse(String)}.
 */
public final class PromqlParser {

  private final String query;
  private final List<Token> tokens;
  private int idx;
  private final Map<Expr, Integer> positions = new IdentityHashMap<>();
  private boolean metricSelectorOnly;

  private PromqlParser(String query) {
    this.query = query;
    this.tokens = Lexer.lex(query);
  }

  /**
   * Parses and type-checks an expression.
   *
   * @throws PromqlParseException with a Prometheus-style positioned message
   */
  public static Expr parse(String query) {
    return parse(new PromqlParser(query));
  }

  private static Expr parse(PromqlParser p) {
    String query = p.query;
    if (p.peek().kind() == TokenKind.EOF) {
      throw new PromqlParseException(query, 0, "no expression found in input");
    }
    try {
      Expr e = p.parseExpr(0);
      if (p.peek().kind() != TokenKind.EOF) {
        throw p.unexpected(p.peek(), null);
      }
      return e;
    } catch (StackOverflowError e) {
      throw new PromqlParseException(query, 0, "expression nested too deeply");
    }
  }

  /**
   * Parses a metric selector alone ({@code up}, {@code {job=~"a.*"}}, {@code rate:x{a="b"}}) into its matchers, as
   * Prometheus' {@code parser.ParseMetricSelector} does for promtool's {@code --match}: no offset, {@code @},
   * range or function is allowed, and matchers that all match the empty string are accepted. The metric name's
   * matcher comes first.
   *
   * @throws PromqlParseException with a Prometheus-style positioned message
   */
  public static List<Matcher> parseMetricSelector(String input) {
    PromqlParser p = new PromqlParser(input);
    p.metricSelectorOnly = true;
    Expr e = parse(p);
    if (!(e instanceof VectorSelector vs) || vs.offsetMillis() != 0 || vs.at() != null) {
      throw new PromqlParseException(input, 0, "expected a metric selector, got \"" + input.strip() + "\"");
    }
    List<Matcher> out = new ArrayList<>(vs.matchers().size());
    vs.matchers().stream().filter(m -> m.name().equals(Label.METRIC_NAME) && !vs.name().isEmpty()).forEach(out::add);
    vs.matchers().stream().filter(m -> !(m.name().equals(Label.METRIC_NAME) && !vs.name().isEmpty()))
        .forEach(out::add);
    return out;
  }

  // ---- token helpers ----

  private Token peek() {
    Token t = tokens.get(idx);
    if (t.kind() == TokenKind.ERROR) {
      throw error(t.pos(), t.text());
    }
    return t;
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(idx + ahead, tokens.size() - 1));
  }

  private Token next() {
    Token t = peek();
    if (t.kind() != TokenKind.EOF) {
      idx++;
    }
    return t;
  }

  private boolean isKeyword(Token t, String kw) {
    return t.kind() == TokenKind.IDENTIFIER && Keywords.is(t.text(), kw);
  }

  private PromqlParseException error(int pos, String msg) {
    return new PromqlParseException(query, pos, msg);
  }

  private PromqlParseException unexpected(Token t, String context) {
    StringBuilder sb = new StringBuilder("unexpected ").append(t.describe());
    if (context != null) {
      sb.append(" in ").append(context);
    }
    return error(t.pos(), sb.toString());
  }

  private Token expect(TokenKind kind, String context) {
    Token t = peek();
    if (t.kind() != kind) {
      throw unexpected(t, context);
    }
    return next();
  }

  private <E extends Expr> E at(E e, int pos) {
    positions.putIfAbsent(e, pos);
    return e;
  }

  private int posOf(Expr e) {
    Integer p = positions.get(e);
    return p == null ? 0 : p;
  }

  // ---- expressions ----

  private static BinaryOp binaryOp(Token t) {
    return switch (t.kind()) {
      case ADD -> BinaryOp.ADD;
      case SUB -> BinaryOp.SUB;
      case MUL -> BinaryOp.MUL;
      case DIV -> BinaryOp.DIV;
      case MOD -> BinaryOp.MOD;
      case POW -> BinaryOp.POW;
      case EQL -> BinaryOp.EQL;
      case NEQ -> BinaryOp.NEQ;
      case LTE -> BinaryOp.LTE;
      case LSS -> BinaryOp.LSS;
      case GTE -> BinaryOp.GTE;
      case GTR -> BinaryOp.GTR;
      case IDENTIFIER -> switch (t.text().toLowerCase(java.util.Locale.ROOT)) {
        case "and" -> BinaryOp.AND;
        case "or" -> BinaryOp.OR;
        case "unless" -> BinaryOp.UNLESS;
        case "atan2" -> BinaryOp.ATAN2;
        default -> null;
      };
      default -> null;
    };
  }

  private Expr parseExpr(int minPrec) {
    Expr lhs = parseUnary();
    while (true) {
      Token t = peek();
      BinaryOp op = binaryOp(t);
      if (op == null) {
        if (t.kind() == TokenKind.ASSIGN) {
          throw error(t.pos(), "unexpected \"=\"");
        }
        return lhs;
      }
      if (op.precedence() < minPrec) {
        return lhs;
      }
      next();
      boolean returnBool = false;
      if (isKeyword(peek(), "bool")) {
        next();
        returnBool = true;
      }
      VectorMatching matching = null;
      Token modTok = peek();
      if (isKeyword(modTok, "on") || isKeyword(modTok, "ignoring")) {
        next();
        boolean on = Keywords.is(modTok.text(), "on");
        List<String> labels = parseLabelList();
        VectorMatching.Cardinality card = op.isSetOperator()
            ? VectorMatching.Cardinality.MANY_TO_MANY : VectorMatching.Cardinality.ONE_TO_ONE;
        List<String> include = List.of();
        Token g = peek();
        if (isKeyword(g, "group_left") || isKeyword(g, "group_right")) {
          next();
          card = Keywords.is(g.text(), "group_left")
              ? VectorMatching.Cardinality.MANY_TO_ONE : VectorMatching.Cardinality.ONE_TO_MANY;
          include = peek().kind() == TokenKind.LEFT_PAREN ? parseLabelList() : List.of();
          if (op.isSetOperator()) {
            throw error(posOf(lhs), "no grouping allowed for \"" + op.symbol() + "\" operation");
          }
          for (String l : include) {
            if (on && labels.contains(l)) {
              throw error(t.pos(), "label \"" + l + "\" must not occur in ON and GROUP clause at once");
            }
          }
        }
        matching = new VectorMatching(card, labels, on, include);
      } else if (isKeyword(modTok, "group_left") || isKeyword(modTok, "group_right")) {
        throw unexpected(modTok, "binary expression");
      }
      int nextMin = op.rightAssociative() ? op.precedence() : op.precedence() + 1;
      Expr rhs = parseExpr(nextMin);
      lhs = at(makeBinary(op, lhs, rhs, matching, returnBool, t.pos()), posOf(lhs));
    }
  }

  private Expr makeBinary(BinaryOp op, Expr lhs, Expr rhs, VectorMatching matching, boolean returnBool, int opPos) {
    var lt = lhs.type();
    var rt = rhs.type();
    boolean lv = lt == io.thanosjvm.promql.ast.ValueType.VECTOR;
    boolean rv = rt == io.thanosjvm.promql.ast.ValueType.VECTOR;
    boolean ls = lt == io.thanosjvm.promql.ast.ValueType.SCALAR;
    boolean rs = rt == io.thanosjvm.promql.ast.ValueType.SCALAR;
    if (returnBool && !op.isComparison()) {
      throw error(opPos, "bool modifier can only be used on comparison operators");
    }
    if (op.isComparison() && !returnBool && ls && rs) {
      throw error(opPos, "comparisons between scalars must use BOOL modifier");
    }
    if (!(lv || ls)) {
      throw error(posOf(lhs), "binary expression must contain only scalar and instant vector types");
    }
    if (!(rv || rs)) {
      throw error(posOf(rhs), "binary expression must contain only scalar and instant vector types");
    }
    if (op.isSetOperator() && (ls || rs)) {
      throw error(posOf(lhs), "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
    }
    if (matching != null && !(lv && rv)) {
      throw error(posOf(lhs), "vector matching only allowed between instant vectors");
    }
    if (lv && rv && matching == null) {
      matching = new VectorMatching(op.isSetOperator()
          ? VectorMatching.Cardinality.MANY_TO_MANY : VectorMatching.Cardinality.ONE_TO_ONE, List.of(), false, List.of());
    }
    return new BinaryExpr(op, lhs, rhs, matching, returnBool);
  }

  private Expr parseUnary() {
    Token t = peek();
    if (t.kind() == TokenKind.ADD || t.kind() == TokenKind.SUB) {
      next();
      Expr operand = parseExpr(BinaryOp.POW.precedence());
      if (operand instanceof NumberLiteral n) {
        return at(new NumberLiteral(t.kind() == TokenKind.SUB ? -n.value() : n.value()), t.pos());
      }
      var type = operand.type();
      if (type != io.thanosjvm.promql.ast.ValueType.SCALAR && type != io.thanosjvm.promql.ast.ValueType.VECTOR) {
        throw error(t.pos(), "unary expression only allowed on expressions of type scalar or instant vector, got \""
            + type.promName() + "\"");
      }
      return at(new UnaryExpr(t.kind() == TokenKind.SUB, operand), t.pos());
    }
    return parsePostfix(parsePrimary());
  }

  private Expr parsePostfix(Expr e) {
    while (true) {
      Token t = peek();
      if (t.kind() == TokenKind.LEFT_BRACKET) {
        e = parseRangeOrSubquery(e);
      } else if (isKeyword(t, "offset")) {
        next();
        e = applyOffset(e, parseOffset(), t.pos());
      } else if (t.kind() == TokenKind.AT) {
        next();
        e = applyAt(e, parseAt(), t.pos());
      } else {
        return e;
      }
    }
  }

  private Expr parseRangeOrSubquery(Expr e) {
    Token open = next();
    Token d = peek();
    if (d.kind() != TokenKind.DURATION && !(d.kind() == TokenKind.NUMBER && d.raw().equals("0"))) {
      throw unexpected(d, "range/subquery, expected duration");
    }
    next();
    long range = duration(d);
    if (peek().kind() == TokenKind.COLON) {
      next();
      long step = 0;
      if (peek().kind() == TokenKind.DURATION) {
        step = duration(next());
      }
      expect(TokenKind.RIGHT_BRACKET, "subquery selector");
      if (e.type() != io.thanosjvm.promql.ast.ValueType.VECTOR) {
        throw error(posOf(e), "subquery is only allowed on instant vector, got " + e.type().promName() + " instead");
      }
      return at(new SubqueryExpr(e, range, step, 0, null), posOf(e));
    }
    if (peek().kind() != TokenKind.RIGHT_BRACKET) {
      throw unexpected(peek(), "range selector, expected \"]\"");
    }
    next();
    if (!(e instanceof VectorSelector vs)) {
      throw error(open.pos(), "ranges only allowed for vector selectors");
    }
    if (vs.offsetMillis() != 0) {
      throw error(open.pos(), "no offset modifiers allowed before range");
    }
    if (vs.at() != null) {
      throw error(open.pos(), "no @ modifiers allowed before range");
    }
    return at(new MatrixSelector(vs, range), posOf(e));
  }

  private long duration(Token t) {
    try {
      return PromDuration.parseMillis(t.raw());
    } catch (IllegalArgumentException ex) {
      throw error(t.pos(), ex.getMessage());
    }
  }

  private long parseOffset() {
    boolean neg = false;
    if (peek().kind() == TokenKind.SUB) {
      next();
      neg = true;
    } else if (peek().kind() == TokenKind.ADD) {
      next();
    }
    Token d = peek();
    if (d.kind() != TokenKind.DURATION && !(d.kind() == TokenKind.NUMBER && d.raw().equals("0"))) {
      throw unexpected(d, "offset, expected duration");
    }
    next();
    long v = duration(d);
    return neg ? -v : v;
  }

  private AtModifier parseAt() {
    Token t = peek();
    if (isKeyword(t, "start") || isKeyword(t, "end")) {
      next();
      expect(TokenKind.LEFT_PAREN, "@ modifier");
      expect(TokenKind.RIGHT_PAREN, "@ modifier");
      return new AtModifier(Keywords.is(t.text(), "start") ? AtModifier.Kind.START : AtModifier.Kind.END, 0);
    }
    boolean neg = false;
    if (t.kind() == TokenKind.SUB || t.kind() == TokenKind.ADD) {
      neg = t.kind() == TokenKind.SUB;
      next();
      t = peek();
    }
    if (t.kind() != TokenKind.NUMBER) {
      throw unexpected(t, "@ modifier, expected timestamp");
    }
    next();
    double ts = number(t);
    if (neg) {
      ts = -ts;
    }
    if (Double.isNaN(ts) || Double.isInfinite(ts) || ts >= (double) Long.MAX_VALUE || ts <= (double) Long.MIN_VALUE) {
      throw error(t.pos(), "timestamp out of bounds for @ modifier: " + GoFloat.formatG(ts));
    }
    return AtModifier.at(Math.round(ts * 1000));
  }

  private Expr applyOffset(Expr e, long offset, int pos) {
    if (e instanceof VectorSelector vs) {
      if (vs.offsetMillis() != 0) {
        throw error(posOf(e), "offset may not be set multiple times");
      }
      return at(vs.withModifiers(offset, vs.at()), posOf(e));
    }
    if (e instanceof MatrixSelector ms) {
      if (ms.selector().offsetMillis() != 0) {
        throw error(posOf(e), "offset may not be set multiple times");
      }
      return at(new MatrixSelector(ms.selector().withModifiers(offset, ms.selector().at()), ms.rangeMillis()),
          posOf(e));
    }
    if (e instanceof SubqueryExpr sq) {
      if (sq.offsetMillis() != 0) {
        throw error(posOf(e), "offset may not be set multiple times");
      }
      return at(sq.withModifiers(offset, sq.at()), posOf(e));
    }
    throw error(pos, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  }

  private Expr applyAt(Expr e, AtModifier atm, int pos) {
    if (e instanceof VectorSelector vs) {
      if (vs.at() != null) {
        throw error(posOf(e), "@ <timestamp> may not be set multiple times");
      }
      return at(vs.withModifiers(vs.offsetMillis(), atm), posOf(e));
    }
    if (e instanceof MatrixSelector ms) {
      if (ms.selector().at() != null) {
        throw error(posOf(e), "@ <timestamp> may not be set multiple times");
      }
      return at(new MatrixSelector(ms.selector().withModifiers(ms.selector().offsetMillis(), atm), ms.rangeMillis()),
          posOf(e));
    }
    if (e instanceof SubqueryExpr sq) {
      if (sq.at() != null) {
        throw error(posOf(e), "@ <timestamp> may not be set multiple times");
      }
      return at(sq.withModifiers(sq.offsetMillis(), atm), posOf(e));
    }
    throw error(pos, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
  }

  private double number(Token t) {
    try {
      return GoFloat.parse(t.raw());
    } catch (NumberFormatException ex) {
      throw error(t.pos(), "error parsing number: " + ex.getMessage());
    }
  }

  private Expr parsePrimary() {
    Token t = peek();
    switch (t.kind()) {
      case NUMBER -> {
        next();
        return at(new NumberLiteral(number(t)), t.pos());
      }
      case STRING -> {
        next();
        return at(new StringLiteral(t.text()), t.pos());
      }
      case LEFT_PAREN -> {
        next();
        Expr inner = parseExpr(0);
        if (peek().kind() != TokenKind.RIGHT_PAREN) {
          throw unexpected(peek(), "paren expression");
        }
        next();
        return at(new ParenExpr(inner), t.pos());
      }
      case LEFT_BRACE -> {
        return parseVectorSelector("", t.pos());
      }
      case IDENTIFIER -> {
        return parseIdentifierExpr(t);
      }
      case DURATION -> throw unexpected(t, null);
      default -> throw unexpected(t, null);
    }
  }

  private Expr parseIdentifierExpr(Token t) {
    AggregateOp agg = AggregateOp.byName(t.text());
    Token after = peekAt(1);
    if (agg != null && (after.kind() == TokenKind.LEFT_PAREN || isKeyword(after, "by") || isKeyword(after, "without"))) {
      next();
      return parseAggregate(agg, t);
    }
    BinaryOp asOp = binaryOp(t);
    if (asOp != null) {
      throw unexpected(t, null);
    }
    if (after.kind() == TokenKind.LEFT_PAREN && t.text().indexOf(':') < 0) {
      Function f = Function.byName(t.text());
      if (f == null) {
        throw error(t.pos(), "unknown function with name \"" + t.text() + "\"");
      }
      next();
      return parseCall(f, t);
    }
    next();
    return parseVectorSelector(t.text(), t.pos());
  }

  private Expr parseCall(Function f, Token nameTok) {
    expect(TokenKind.LEFT_PAREN, "function call");
    List<Expr> args = new ArrayList<>();
    if (peek().kind() != TokenKind.RIGHT_PAREN) {
      while (true) {
        args.add(parseExpr(0));
        if (peek().kind() == TokenKind.COMMA) {
          Token comma = next();
          if (peek().kind() == TokenKind.RIGHT_PAREN) {
            throw error(comma.pos(), "trailing commas not allowed in function call args");
          }
          continue;
        }
        break;
      }
    }
    if (peek().kind() != TokenKind.RIGHT_PAREN) {
      throw unexpected(peek(), "function call, expected \",\" or \")\"");
    }
    next();
    Call call = at(new Call(f, args), nameTok.pos());
    TypeChecks.checkCall(call, nameTok.pos(), this::error, this::posOf);
    return call;
  }

  private Expr parseAggregate(AggregateOp op, Token opTok) {
    List<String> grouping = List.of();
    boolean without = false;
    boolean hasGrouping = false;
    Token g = peek();
    if (isKeyword(g, "by") || isKeyword(g, "without")) {
      next();
      without = Keywords.is(g.text(), "without");
      grouping = parseLabelList();
      hasGrouping = true;
    }
    if (peek().kind() != TokenKind.LEFT_PAREN) {
      throw unexpected(peek(), "aggregation");
    }
    next();
    List<Expr> args = new ArrayList<>();
    if (peek().kind() != TokenKind.RIGHT_PAREN) {
      while (true) {
        args.add(parseExpr(0));
        if (peek().kind() == TokenKind.COMMA) {
          Token comma = next();
          if (peek().kind() == TokenKind.RIGHT_PAREN) {
            throw error(comma.pos(), "trailing commas not allowed in function call args");
          }
          continue;
        }
        break;
      }
    }
    if (peek().kind() != TokenKind.RIGHT_PAREN) {
      throw unexpected(peek(), "aggregation, expected \",\" or \")\"");
    }
    next();
    Token g2 = peek();
    if (isKeyword(g2, "by") || isKeyword(g2, "without")) {
      if (hasGrouping) {
        throw unexpected(g2, null);
      }
      next();
      without = Keywords.is(g2.text(), "without");
      grouping = parseLabelList();
    }
    int expected = op.hasParam() ? 2 : 1;
    if (args.size() != expected) {
      throw error(opTok.pos(), "wrong number of arguments for aggregate expression provided, expected " + expected
          + ", got " + args.size());
    }
    Expr param = op.hasParam() ? args.get(0) : null;
    Expr body = args.get(args.size() - 1);
    AggregateExpr agg = at(new AggregateExpr(op, param, body, grouping, without), opTok.pos());
    TypeChecks.checkAggregate(agg, this::error, this::posOf);
    return agg;
  }

  private List<String> parseLabelList() {
    expect(TokenKind.LEFT_PAREN, "grouping opts, expected \"(\"");
    List<String> out = new ArrayList<>();
    while (peek().kind() != TokenKind.RIGHT_PAREN) {
      Token l = peek();
      if (l.kind() != TokenKind.IDENTIFIER || l.text().indexOf(':') >= 0) {
        throw unexpected(l, "grouping opts, expected label");
      }
      next();
      out.add(l.text());
      if (peek().kind() == TokenKind.COMMA) {
        next();
      } else if (peek().kind() != TokenKind.RIGHT_PAREN) {
        throw unexpected(peek(), "grouping opts, expected \",\" or \")\"");
      }
    }
    next();
    return out;
  }

  private Expr parseVectorSelector(String name, int pos) {
    List<Matcher> matchers = new ArrayList<>();
    if (peek().kind() == TokenKind.LEFT_BRACE) {
      next();
      while (peek().kind() != TokenKind.RIGHT_BRACE) {
        Token ln = peek();
        if (ln.kind() != TokenKind.IDENTIFIER) {
          throw unexpected(ln, "label matching, expected identifier or \"}\"");
        }
        next();
        Token op = next();
        MatchType type = switch (op.kind()) {
          case ASSIGN -> MatchType.EQUAL;
          case NEQ -> MatchType.NOT_EQUAL;
          case EQL_REGEX -> MatchType.REGEX;
          case NEQ_REGEX -> MatchType.NOT_REGEX;
          default -> throw unexpected(op, "label matching, expected one of \"=\", \"!=\", \"=~\" or \"!~\"");
        };
        Token v = next();
        if (v.kind() != TokenKind.STRING) {
          throw unexpected(v, "label matching, expected string");
        }
        try {
          matchers.add(Matcher.of(type, ln.text(), v.text()));
        } catch (InvalidMatcherException ex) {
          throw error(ln.pos(), ex.getMessage()); // Prometheus reports the matcher's start
        }
        if (peek().kind() == TokenKind.COMMA) {
          next();
        } else if (peek().kind() != TokenKind.RIGHT_BRACE) {
          throw unexpected(peek(), "label matching, expected \",\" or \"}\"");
        }
      }
      next();
    }
    if (!name.isEmpty()) {
      for (Matcher m : matchers) {
        if (m.name().equals(Label.METRIC_NAME)) {
          throw error(pos, "metric name must not be set twice: \"" + name + "\" or \"" + m.value() + "\"");
        }
      }
      matchers.add(Matcher.equal(Label.METRIC_NAME, name));
    }
    boolean anyNonEmpty = false;
    for (Matcher m : matchers) {
      if (!m.matchesEmpty()) {
        anyNonEmpty = true;
        break;
      }
    }
    if (!anyNonEmpty && !metricSelectorOnly) {
      throw error(pos, "vector selector must contain at least one non-empty matcher");
    }
    return at(new VectorSelector(name, matchers, 0, null), pos);
  }
}
