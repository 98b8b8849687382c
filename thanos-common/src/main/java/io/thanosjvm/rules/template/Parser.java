package io.thanosjvm.rules.template;

import io.thanosjvm.rules.template.Lexer.Item;
import io.thanosjvm.rules.template.Lexer.Kind;
import io.thanosjvm.rules.template.Node.ActionNode;
import io.thanosjvm.rules.template.Node.BoolNode;
import io.thanosjvm.rules.template.Node.BranchKind;
import io.thanosjvm.rules.template.Node.BranchNode;
import io.thanosjvm.rules.template.Node.BreakNode;
import io.thanosjvm.rules.template.Node.ChainNode;
import io.thanosjvm.rules.template.Node.CommandNode;
import io.thanosjvm.rules.template.Node.ContinueNode;
import io.thanosjvm.rules.template.Node.DotNode;
import io.thanosjvm.rules.template.Node.ElseNode;
import io.thanosjvm.rules.template.Node.EndNode;
import io.thanosjvm.rules.template.Node.FieldNode;
import io.thanosjvm.rules.template.Node.IdentifierNode;
import io.thanosjvm.rules.template.Node.ListNode;
import io.thanosjvm.rules.template.Node.NilNode;
import io.thanosjvm.rules.template.Node.NumberNode;
import io.thanosjvm.rules.template.Node.PipeNode;
import io.thanosjvm.rules.template.Node.StringNode;
import io.thanosjvm.rules.template.Node.TemplateNode;
import io.thanosjvm.rules.template.Node.TextNode;
import io.thanosjvm.rules.template.Node.VariableNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Go's {@code text/template/parse} parser: items to trees, with Go's checks and error texts. */
final class Parser {

  private final String name;
  private final List<Item> items;
  private final Set<String> functions;
  private final Map<String, ListNode> trees;
  private int index;
  private int furthest;
  private List<String> vars = new ArrayList<>(List.of("$"));
  private int actionLine;
  private int rangeDepth;

  private Parser(String name, List<Item> items, Set<String> functions, Map<String, ListNode> trees) {
    this.name = name;
    this.items = items;
    this.functions = functions;
    this.trees = trees;
  }

  /**
   * Parses {@code text} into its named trees: {@code name} for the main text, plus every {@code define}/{@code
   * block}.
   */
  static Map<String, ListNode> parse(String name, String text, Set<String> functions) {
    Map<String, ListNode> trees = new LinkedHashMap<>();
    Parser p = new Parser(name, Lexer.lex(text), functions, trees);
    ListNode root = p.parseRoot();
    ListNode existing = trees.get(name);
    if (existing == null || !root.nodes().isEmpty()) {
      trees.put(name, root);
    }
    return trees;
  }

  private TemplateException error(String message) {
    return new TemplateException("template: " + name + ":" + items.get(furthest).line() + ": " + message);
  }

  private Item next() {
    int at = Math.min(index, items.size() - 1);
    furthest = Math.max(furthest, at);
    index++;
    return items.get(at);
  }

  private void backup() {
    index--;
  }

  private Item peek() {
    Item it = next();
    backup();
    return it;
  }

  private Item nextNonSpace() {
    Item it;
    do {
      it = next();
    } while (it.kind() == Kind.SPACE);
    return it;
  }

  private Item peekNonSpace() {
    Item it = nextNonSpace();
    backup();
    return it;
  }

  private ListNode parseRoot() {
    List<Node> root = new ArrayList<>();
    int pos = peek().pos();
    while (peek().kind() != Kind.EOF) {
      if (peek().kind() == Kind.LEFT_DELIM) {
        int mark = index;
        next();
        if (nextNonSpace().kind() == Kind.DEFINE) {
          parseDefinition();
          continue;
        }
        index = mark;
      }
      Node n = textOrAction();
      if (n instanceof EndNode || n instanceof ElseNode) {
        throw error("unexpected " + n);
      }
      root.add(n);
    }
    return new ListNode(pos, root);
  }

  private void parseDefinition() {
    Item nameItem = nextNonSpace();
    if (nameItem.kind() != Kind.STRING && nameItem.kind() != Kind.RAW_STRING) {
      throw unexpected(nameItem, "define clause");
    }
    String defName = unquote(nameItem);
    expect(Kind.RIGHT_DELIM, "define clause");
    List<String> saved = vars;
    vars = new ArrayList<>(List.of("$"));
    ListNode body = itemList();
    Node end = lastEnd;
    if (!(end instanceof EndNode)) {
      throw error("unexpected " + end + " in define clause");
    }
    vars = saved;
    addTree(defName, body);
  }

  private void addTree(String treeName, ListNode body) {
    ListNode existing = trees.get(treeName);
    if (existing != null && !existing.nodes().isEmpty() && !body.nodes().isEmpty()) {
      throw new TemplateException("template: multiple definition of template \"" + treeName + "\"");
    }
    if (existing == null || !body.nodes().isEmpty()) {
      trees.put(treeName, body);
    }
  }

  private Node lastEnd;

  /** Parses nodes up to {@code {{end}}} or {@code {{else}}}, left in {@link #lastEnd}. */
  private ListNode itemList() {
    int pos = peekNonSpace().pos();
    List<Node> list = new ArrayList<>();
    while (peekNonSpace().kind() != Kind.EOF) {
      Node n = textOrAction();
      if (n instanceof EndNode || n instanceof ElseNode) {
        lastEnd = n;
        return new ListNode(pos, list);
      }
      list.add(n);
    }
    throw error("unexpected EOF");
  }

  private Node textOrAction() {
    Item token = nextNonSpace();
    switch (token.kind()) {
      case TEXT:
        return new TextNode(token.pos(), token.val());
      case LEFT_DELIM:
        actionLine = token.line();
        try {
          return action();
        } finally {
          actionLine = 0;
        }
      default:
        throw unexpected(token, "input");
    }
  }

  private Node action() {
    Item token = nextNonSpace();
    switch (token.kind()) {
      case BLOCK:
        return blockControl();
      case BREAK:
        return breakOrContinue(token, true);
      case CONTINUE:
        return breakOrContinue(token, false);
      case ELSE:
        return elseControl();
      case END:
        return new EndNode(expect(Kind.RIGHT_DELIM, "end").pos());
      case IF:
        return control(BranchKind.IF, true, "if");
      case RANGE:
        return control(BranchKind.RANGE, false, "range");
      case TEMPLATE:
        return templateControl();
      case WITH:
        return control(BranchKind.WITH, false, "with");
      default:
        break;
    }
    backup();
    Item t = peek();
    return new ActionNode(t.pos(), t.line(), pipeline("command", Kind.RIGHT_DELIM));
  }

  private Node breakOrContinue(Item token, boolean isBreak) {
    Item t = nextNonSpace();
    if (t.kind() != Kind.RIGHT_DELIM) {
      throw unexpected(t, isBreak ? "{{break}}" : "{{continue}}");
    }
    if (rangeDepth == 0) {
      throw error(isBreak ? "{{break}} outside {{range}}" : "{{continue}} outside {{range}}");
    }
    return isBreak ? new BreakNode(token.pos(), token.line()) : new ContinueNode(token.pos(), token.line());
  }

  private Node elseControl() {
    Item peek = peekNonSpace();
    if (peek.kind() == Kind.IF) {
      return new ElseNode(peek.pos(), peek.line());
    }
    Item token = expect(Kind.RIGHT_DELIM, "else");
    return new ElseNode(token.pos(), token.line());
  }

  private Item expect(Kind kind, String context) {
    Item token = nextNonSpace();
    if (token.kind() != kind) {
      throw unexpected(token, context);
    }
    return token;
  }

  private BranchNode control(BranchKind kind, boolean allowElseIf, String context) {
    int savedVars = vars.size();
    try {
      PipeNode pipe = pipeline(context, Kind.RIGHT_DELIM);
      if (kind == BranchKind.RANGE) {
        rangeDepth++;
      }
      ListNode list = itemList();
      if (kind == BranchKind.RANGE) {
        rangeDepth--;
      }
      Node next = lastEnd;
      ListNode elseList = null;
      if (next instanceof ElseNode els) {
        if (allowElseIf && peek().kind() == Kind.IF) {
          next();
          BranchNode nested = control(BranchKind.IF, true, "if");
          elseList = new ListNode(els.pos(), List.of(nested));
        } else {
          elseList = itemList();
          if (!(lastEnd instanceof EndNode)) {
            throw error("expected end; found " + lastEnd);
          }
        }
      }
      return new BranchNode(kind, pipe.pos(), pipe.line(), pipe, list, elseList);
    } finally {
      while (vars.size() > savedVars) {
        vars.remove(vars.size() - 1);
      }
    }
  }

  private Node templateControl() {
    Item token = nextNonSpace();
    String tname = templateName(token, "template clause");
    PipeNode pipe = null;
    if (nextNonSpace().kind() != Kind.RIGHT_DELIM) {
      backup();
      pipe = pipeline("template clause", Kind.RIGHT_DELIM);
    }
    return new TemplateNode(token.pos(), token.line(), tname, pipe);
  }

  private Node blockControl() {
    Item token = nextNonSpace();
    String tname = templateName(token, "block clause");
    PipeNode pipe = pipeline("block clause", Kind.RIGHT_DELIM);
    List<String> saved = vars;
    vars = new ArrayList<>(List.of("$"));
    ListNode body = itemList();
    if (!(lastEnd instanceof EndNode)) {
      throw error("unexpected " + lastEnd + " in block clause");
    }
    vars = saved;
    addTree(tname, body);
    return new TemplateNode(token.pos(), token.line(), tname, pipe);
  }

  private String templateName(Item token, String context) {
    if (token.kind() == Kind.STRING || token.kind() == Kind.RAW_STRING) {
      return unquote(token);
    }
    throw unexpected(token, context);
  }

  private PipeNode pipeline(String context, Kind end) {
    Item first = peekNonSpace();
    boolean isAssign = false;
    List<VariableNode> decl = new ArrayList<>();
    while (true) {
      Item v = peekNonSpace();
      if (v.kind() != Kind.VARIABLE) {
        break;
      }
      int mark = index;
      next();
      Item tokenAfter = peek();
      Item nx = peekNonSpace();
      if (nx.kind() == Kind.ASSIGN || nx.kind() == Kind.DECLARE) {
        isAssign = nx.kind() == Kind.ASSIGN;
        nextNonSpace();
        decl.add(new VariableNode(v.pos(), List.of(v.val())));
        vars.add(v.val());
        break;
      } else if (nx.kind() == Kind.CHAR && nx.val().equals(",")) {
        nextNonSpace();
        decl.add(new VariableNode(v.pos(), List.of(v.val())));
        vars.add(v.val());
        if (context.equals("range") && decl.size() < 2) {
          Kind k = peekNonSpace().kind();
          if (k == Kind.VARIABLE || k == Kind.RIGHT_DELIM || k == Kind.RIGHT_PAREN) {
            continue;
          }
          throw error("range can only initialize variables");
        }
        throw error("too many declarations in " + context);
      } else {
        index = mark;
        if (tokenAfter.kind() != Kind.SPACE) {
          index = mark;
        }
        break;
      }
    }
    List<CommandNode> cmds = new ArrayList<>();
    while (true) {
      Item token = nextNonSpace();
      if (token.kind() == end) {
        if (cmds.isEmpty()) {
          throw error("missing value for " + context);
        }
        for (int i = 1; i < cmds.size(); i++) {
          Node a = cmds.get(i).args().get(0);
          if (a instanceof BoolNode || a instanceof DotNode || a instanceof NilNode || a instanceof NumberNode
              || a instanceof StringNode) {
            throw error("non executable command in pipeline stage " + (i + 1));
          }
        }
        return new PipeNode(first.pos(), first.line(), isAssign, decl, cmds);
      }
      switch (token.kind()) {
        case BOOL, CHAR_CONSTANT, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE, LEFT_PAREN -> {
          backup();
          cmds.add(command());
        }
        default -> throw unexpected(token, context);
      }
    }
  }

  private CommandNode command() {
    int pos = peekNonSpace().pos();
    List<Node> args = new ArrayList<>();
    while (true) {
      peekNonSpace();
      Node operand = operand();
      if (operand != null) {
        args.add(operand);
      }
      Item token = next();
      if (token.kind() == Kind.SPACE) {
        continue;
      }
      if (token.kind() == Kind.RIGHT_DELIM || token.kind() == Kind.RIGHT_PAREN) {
        backup();
      } else if (token.kind() != Kind.PIPE) {
        throw unexpected(token, "operand");
      }
      break;
    }
    if (args.isEmpty()) {
      throw error("empty command");
    }
    return new CommandNode(pos, args);
  }

  private Node operand() {
    Node node = term();
    if (node == null) {
      return null;
    }
    if (peek().kind() == Kind.FIELD) {
      int pos = peek().pos();
      List<String> fields = new ArrayList<>();
      while (peek().kind() == Kind.FIELD) {
        fields.add(next().val().substring(1));
      }
      if (node instanceof FieldNode f) {
        List<String> all = new ArrayList<>(f.ident());
        all.addAll(fields);
        return new FieldNode(pos, all);
      }
      if (node instanceof VariableNode v) {
        List<String> all = new ArrayList<>(v.ident());
        all.addAll(fields);
        return new VariableNode(pos, all);
      }
      if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
          || node instanceof NilNode || node instanceof DotNode) {
        throw error("unexpected . after term " + GoFmt.sprintf("%q", List.of(node.toString())));
      }
      return new ChainNode(pos, node, fields);
    }
    return node;
  }

  private Node term() {
    Item token = nextNonSpace();
    switch (token.kind()) {
      case IDENTIFIER:
        if (!functions.contains(token.val())) {
          throw error("function " + GoFmt.sprintf("%q", List.of(token.val())) + " not defined");
        }
        return new IdentifierNode(token.pos(), token.val());
      case DOT:
        return new DotNode(token.pos());
      case NIL:
        return new NilNode(token.pos());
      case VARIABLE:
        if (!vars.contains(token.val().split("\\.", -1)[0])) {
          throw error("undefined variable " + GoFmt.sprintf("%q", List.of(token.val())));
        }
        return new VariableNode(token.pos(), List.of(token.val()));
      case FIELD:
        return new FieldNode(token.pos(), List.of(token.val().substring(1)));
      case BOOL:
        return new BoolNode(token.pos(), token.val().equals("true"));
      case CHAR_CONSTANT:
      case NUMBER:
        return number(token);
      case LEFT_PAREN:
        return pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
      case STRING:
      case RAW_STRING:
        return new StringNode(token.pos(), token.val(), unquote(token));
      default:
        backup();
        return null;
    }
  }

  private TemplateException unexpected(Item token, String context) {
    if (token.kind() == Kind.ERROR) {
      String extra = "";
      if (actionLine != 0 && actionLine != token.line()) {
        extra = " in action started at " + name + ":" + actionLine;
        if (token.val().endsWith(" action")) {
          extra = extra.substring(" in action".length());
        }
      }
      return error(token.val() + extra);
    }
    return error("unexpected " + token + " in " + context);
  }

  private Node number(Item token) {
    String text = token.val();
    if (token.kind() == Kind.CHAR_CONSTANT) {
      String s = GoStrings.unquote(text);
      if (s == null || s.codePointCount(0, s.length()) != 1) {
        throw error("malformed character constant: " + text);
      }
      int r = s.codePointAt(0);
      return new NumberNode(token.pos(), text, true, true, r, r);
    }
    if (text.endsWith("i")) {
      throw error("complex constants are not supported: " + text);
    }
    String clean = text.replace("_", "");
    Long asInt = parseInt(clean);
    if (asInt != null) {
      return new NumberNode(token.pos(), text, true, true, asInt, (double) asInt);
    }
    if (isIntegerSyntax(clean)) {
      try {
        new java.math.BigInteger(stripSignPrefix(clean), radix(clean));
        // unsigned 64-bit or larger: Go keeps uint64 values, rejects larger ones
        throw error("integer overflow: " + GoFmt.sprintf("%q", List.of(text)));
      } catch (NumberFormatException e) {
        throw error("illegal number syntax: " + GoFmt.sprintf("%q", List.of(text)));
      }
    }
    double f;
    try {
      f = Double.parseDouble(clean);
    } catch (NumberFormatException e) {
      throw error("illegal number syntax: " + GoFmt.sprintf("%q", List.of(text)));
    }
    boolean isInt = f == Math.rint(f) && Math.abs(f) < 0x1p63;
    return new NumberNode(token.pos(), text, isInt, true, isInt ? (long) f : 0, f);
  }

  private static boolean isIntegerSyntax(String s) {
    String t = stripSignPrefix(s);
    int r = radix(s);
    if (r != 10) {
      return true;
    }
    return !t.isEmpty() && t.chars().allMatch(Character::isDigit);
  }

  private static int radix(String s) {
    String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    if (t.startsWith("0x") || t.startsWith("0X")) {
      return 16;
    }
    if (t.startsWith("0o") || t.startsWith("0O")) {
      return 8;
    }
    if (t.startsWith("0b") || t.startsWith("0B")) {
      return 2;
    }
    if (t.length() > 1 && t.startsWith("0") && t.chars().allMatch(Character::isDigit)) {
      return 8;
    }
    return 10;
  }

  private static String stripSignPrefix(String s) {
    String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
    int r = radix(s);
    if (r == 16 || r == 2 || (r == 8 && (t.startsWith("0o") || t.startsWith("0O")))) {
      t = t.substring(2);
    } else if (r == 8) {
      t = t.substring(1);
    }
    return (s.startsWith("-") ? "-" : "") + t;
  }

  private static Long parseInt(String s) {
    if (!isIntegerSyntax(s)) {
      return null;
    }
    try {
      return Long.parseLong(stripSignPrefix(s), radix(s));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private String unquote(Item token) {
    String s = GoStrings.unquote(token.val());
    if (s == null) {
      throw error("invalid syntax");
    }
    return s;
  }
}
