package io.thanosjvm.rules.template;

import io.thanosjvm.rules.template.GoFunction.CallError;
import io.thanosjvm.rules.template.GoFunction.Type;
import io.thanosjvm.rules.template.GoValues.ArgsMap;
import io.thanosjvm.rules.template.GoValues.QueryResult;
import io.thanosjvm.rules.template.Node.ActionNode;
import io.thanosjvm.rules.template.Node.BoolNode;
import io.thanosjvm.rules.template.Node.BranchKind;
import io.thanosjvm.rules.template.Node.BranchNode;
import io.thanosjvm.rules.template.Node.BreakNode;
import io.thanosjvm.rules.template.Node.ChainNode;
import io.thanosjvm.rules.template.Node.CommandNode;
import io.thanosjvm.rules.template.Node.ContinueNode;
import io.thanosjvm.rules.template.Node.DotNode;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Go's {@code text/template} executor ({@code exec.go}) over the parsed trees, with Go's error texts. */
final class Executor {

  private static final Object MISSING = new Object();
  private static final int MAX_DEPTH = 100000;

  /** Unwinds a {@code {{break}}}. */
  private static final class Break extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Break INSTANCE = new Break();

    private Break() {
      super(null, null, false, false);
    }
  }

  /** Unwinds a {@code {{continue}}}. */
  private static final class Continue extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Continue INSTANCE = new Continue();

    private Continue() {
      super(null, null, false, false);
    }
  }

  private record Variable(String name, Object[] value) {}

  private final String parseName;
  private final String text;
  private final Map<String, ListNode> trees;
  private final Map<String, GoFunction> funcs;
  private final StringBuilder out = new StringBuilder();
  private String tmplName;
  private List<Variable> vars = new ArrayList<>();
  private Node node;
  private int depth;

  private Executor(String parseName, String text, Map<String, ListNode> trees, Map<String, GoFunction> funcs) {
    this.parseName = parseName;
    this.text = text;
    this.trees = trees;
    this.funcs = funcs;
    this.tmplName = parseName;
  }

  /** Executes template {@code name} with {@code data} as dot. */
  static String execute(
      String name, String text, Map<String, ListNode> trees, Map<String, GoFunction> funcs, Object data) {
    Executor s = new Executor(name, text, trees, funcs);
    ListNode root = trees.get(name);
    if (root == null) {
      throw new TemplateException("template: " + name + ": \"" + name + "\" is an incomplete or empty template");
    }
    s.vars.add(new Variable("$", new Object[] {data}));
    s.walk(data, root);
    return s.out.toString();
  }

  // ---- errors ----

  private TemplateException errorf(String message) {
    if (node == null) {
      return new TemplateException("template: " + tmplName + ": " + message);
    }
    int pos = Math.min(node.pos(), text.length());
    String before = text.substring(0, pos);
    int nl = before.lastIndexOf('\n');
    int col = before.substring(nl + 1).getBytes(StandardCharsets.UTF_8).length;
    int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
    String context = node.toString(); // Go 1.19 (promtool 2.42) does not shorten the context
    return new TemplateException("template: " + parseName + ":" + line + ":" + col + ": executing "
        + GoFmt.sprintf("%q", List.of(tmplName)) + " at <" + context + ">: " + message);
  }

  private void at(Node n) {
    node = n;
  }

  // ---- variables ----

  private int mark() {
    return vars.size();
  }

  private void pop(int mark) {
    while (vars.size() > mark) {
      vars.remove(vars.size() - 1);
    }
  }

  private void push(String name, Object value) {
    vars.add(new Variable(name, new Object[] {value}));
  }

  private void setVar(String name, Object value) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name().equals(name)) {
        vars.get(i).value()[0] = value;
        return;
      }
    }
    throw errorf("undefined variable: " + name);
  }

  private void setTopVar(int n, Object value) {
    vars.get(vars.size() - n).value()[0] = value;
  }

  private Object varValue(String name) {
    for (int i = vars.size() - 1; i >= 0; i--) {
      if (vars.get(i).name().equals(name)) {
        return vars.get(i).value()[0];
      }
    }
    throw errorf("undefined variable: " + name);
  }

  // ---- walking ----

  private void walk(Object dot, Node n) {
    at(n);
    if (n instanceof ActionNode a) {
      Object val = evalPipeline(dot, a.pipe());
      if (a.pipe().decl().isEmpty()) {
        out.append(val == null ? "<no value>" : GoFmt.formatV(val, 0));
      }
    } else if (n instanceof BreakNode) {
      throw Break.INSTANCE;
    } else if (n instanceof ContinueNode) {
      throw Continue.INSTANCE;
    } else if (n instanceof BranchNode b) {
      if (b.kind() == BranchKind.RANGE) {
        walkRange(dot, b);
      } else {
        walkIfOrWith(dot, b);
      }
    } else if (n instanceof ListNode l) {
      for (Node c : l.nodes()) {
        walk(dot, c);
      }
    } else if (n instanceof TemplateNode t) {
      walkTemplate(dot, t);
    } else if (n instanceof TextNode t) {
      out.append(t.text());
    } else {
      throw errorf("unknown node: " + n);
    }
  }

  private void walkIfOrWith(Object dot, BranchNode b) {
    int mark = mark();
    try {
      Object val = evalPipeline(dot, b.pipe());
      boolean truth = GoValues.isTrue(val);
      if (truth) {
        walk(b.kind() == BranchKind.WITH ? val : dot, b.list());
      } else if (b.elseList() != null) {
        walk(dot, b.elseList());
      }
    } finally {
      pop(mark);
    }
  }

  private void walkRange(Object dot, BranchNode r) {
    at(r);
    int outer = mark();
    try {
      Object val = evalPipeline(dot, r.pipe());
      int mark = mark();
      List<Object[]> entries = new ArrayList<>();
      if (val instanceof QueryResult q) {
        for (int i = 0; i < q.samples().size(); i++) {
          entries.add(new Object[] {(long) i, q.samples().get(i)});
        }
      } else if (val instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          entries.add(new Object[] {(long) i, list.get(i)});
        }
      } else if (val instanceof ArgsMap m) {
        m.map().forEach((k, v) -> entries.add(new Object[] {k, v}));
      } else if (val instanceof Map<?, ?> m) {
        new TreeMap<>(m).forEach((k, v) -> entries.add(new Object[] {k, v}));
      } else if (val != null) {
        throw errorf("range can't iterate over " + GoFmt.formatV(val, 0));
      }
      if (!entries.isEmpty()) {
        try {
          for (Object[] e : entries) {
            if (!r.pipe().decl().isEmpty()) {
              setTopVar(1, e[1]);
            }
            if (r.pipe().decl().size() > 1) {
              setTopVar(2, e[0]);
            }
            try {
              walk(e[1], r.list());
            } catch (Continue c) {
              // next iteration
            } finally {
              pop(mark);
            }
          }
        } catch (Break b) {
          // done
        }
        return;
      }
      if (r.elseList() != null) {
        walk(dot, r.elseList());
      }
    } finally {
      pop(outer);
    }
  }

  private void walkTemplate(Object dot, TemplateNode t) {
    at(t);
    ListNode tree = trees.get(t.name());
    if (tree == null) {
      throw errorf("template " + GoFmt.sprintf("%q", List.of(t.name())) + " not defined");
    }
    if (depth == MAX_DEPTH) {
      throw errorf("exceeded maximum template depth (" + MAX_DEPTH + ")");
    }
    Object newDot = evalPipeline(dot, t.pipe());
    List<Variable> savedVars = vars;
    String savedName = tmplName;
    depth++;
    vars = new ArrayList<>();
    vars.add(new Variable("$", new Object[] {newDot}));
    tmplName = t.name();
    try {
      walk(newDot, tree);
    } finally {
      vars = savedVars;
      tmplName = savedName;
      depth--;
    }
  }

  // ---- evaluation ----

  private Object evalPipeline(Object dot, PipeNode pipe) {
    if (pipe == null) {
      return null;
    }
    at(pipe);
    Object value = MISSING;
    for (CommandNode cmd : pipe.cmds()) {
      value = evalCommand(dot, cmd, value);
    }
    for (VariableNode v : pipe.decl()) {
      if (pipe.isAssign()) {
        setVar(v.ident().get(0), value);
      } else {
        push(v.ident().get(0), value);
      }
    }
    return value;
  }

  private void notAFunction(List<Node> args, Object fin) {
    if ((args != null && args.size() > 1) || fin != MISSING) {
      throw errorf("can't give argument to non-function " + args.get(0));
    }
  }

  private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
    Node first = cmd.args().get(0);
    if (first instanceof FieldNode f) {
      at(f);
      return evalFieldChain(dot, dot, f, f.ident(), cmd.args(), fin);
    }
    if (first instanceof ChainNode c) {
      return evalChainNode(dot, c, cmd.args(), fin);
    }
    if (first instanceof IdentifierNode id) {
      return evalFunction(dot, id, cmd, cmd.args(), fin);
    }
    if (first instanceof PipeNode p) {
      notAFunction(cmd.args(), fin);
      return evalPipeline(dot, p);
    }
    if (first instanceof VariableNode v) {
      return evalVariableNode(dot, v, cmd.args(), fin);
    }
    at(first);
    notAFunction(cmd.args(), fin);
    if (first instanceof BoolNode b) {
      return b.value();
    }
    if (first instanceof DotNode) {
      return dot;
    }
    if (first instanceof NilNode) {
      throw errorf("nil is not a command");
    }
    if (first instanceof NumberNode n) {
      return idealConstant(n);
    }
    if (first instanceof StringNode s) {
      return s.text();
    }
    throw errorf("can't evaluate command " + GoFmt.sprintf("%q", List.of(first.toString())));
  }

  private Object idealConstant(NumberNode n) {
    at(n);
    String t = n.text();
    boolean hex = t.length() > 2 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X');
    if (n.isFloat() && !hex && !t.startsWith("'") && t.chars().anyMatch(c -> ".eEpP".indexOf(c) >= 0)) {
      return n.floatValue();
    }
    if (n.isInt()) {
      return n.intValue();
    }
    throw errorf(t + " overflows int");
  }

  private Object evalChainNode(Object dot, ChainNode chain, List<Node> args, Object fin) {
    at(chain);
    if (chain.node() instanceof NilNode) {
      throw errorf("indirection through explicit nil in " + chain);
    }
    Object pipe = evalArg(dot, null, chain.node());
    return evalFieldChain(dot, pipe, chain, chain.field(), args, fin);
  }

  private Object evalVariableNode(Object dot, VariableNode v, List<Node> args, Object fin) {
    at(v);
    Object value = varValue(v.ident().get(0));
    if (v.ident().size() == 1) {
      notAFunction(args, fin);
      return value;
    }
    return evalFieldChain(dot, value, v, v.ident().subList(1, v.ident().size()), args, fin);
  }

  private Object evalFieldChain(Object dot, Object receiver, Node n, List<String> ident, List<Node> args,
      Object fin) {
    int k = ident.size();
    for (int i = 0; i < k - 1; i++) {
      receiver = evalField(ident.get(i), null, MISSING, receiver);
    }
    return evalField(ident.get(k - 1), args, fin, receiver);
  }

  private Object evalField(String fieldName, List<Node> args, Object fin, Object receiver) {
    if (receiver == null) {
      return null;
    }
    boolean hasArgs = (args != null && args.size() > 1) || fin != MISSING;
    if (receiver instanceof TemplateData data) {
      Object v = switch (fieldName) {
        case "Labels" -> data.labels();
        case "ExternalLabels" -> data.externalLabels();
        case "ExternalURL" -> data.externalUrl();
        case "Value" -> data.value();
        default -> MISSING;
      };
      if (v != MISSING) {
        if (hasArgs) {
          throw errorf(fieldName + " has arguments but cannot be invoked as function");
        }
        return v;
      }
    } else if (receiver instanceof QuerySample sample) {
      Object v = switch (fieldName) {
        case "Labels" -> new TreeMap<>(sample.labels());
        case "Value" -> sample.value();
        default -> MISSING;
      };
      if (v != MISSING) {
        if (hasArgs) {
          throw errorf(fieldName + " has arguments but cannot be invoked as function");
        }
        return v;
      }
    } else if (receiver instanceof ArgsMap m) {
      if (hasArgs) {
        throw errorf(fieldName + " is not a method but has arguments");
      }
      return m.map().get(fieldName);
    } else if (receiver instanceof Map<?, ?> m) {
      if (hasArgs) {
        throw errorf(fieldName + " is not a method but has arguments");
      }
      Object v = m.get(fieldName);
      return v == null ? "" : v; // missingkey=zero: the zero string
    }
    throw errorf("can't evaluate field " + fieldName + " in type " + GoValues.typeName(receiver));
  }

  private Object evalFunction(Object dot, IdentifierNode id, Node cmd, List<Node> args, Object fin) {
    at(id);
    GoFunction fn = funcs.get(id.ident());
    if (fn == null) {
      throw errorf(GoFmt.sprintf("%q", List.of(id.ident())) + " is not a defined function");
    }
    return evalCall(dot, fn, cmd, id.ident(), args, fin);
  }

  private Object evalCall(Object dot, GoFunction fn, Node cmd, String name, List<Node> argNodes, Object fin) {
    List<Node> args = argNodes == null ? List.of() : argNodes.subList(1, argNodes.size());
    int numIn = args.size() + (fin != MISSING ? 1 : 0);
    int numParams = fn.params().size();
    int numFixed = args.size();
    if (fn.variadic()) {
      numFixed = numParams - 1;
      if (numIn < numFixed) {
        throw errorf("wrong number of args for " + name + ": want at least " + (numParams - 1) + " got "
            + args.size());
      }
    } else if (numIn != numParams) {
      throw errorf("wrong number of args for " + name + ": want " + numParams + " got " + numIn);
    }
    if (name.equals("and") || name.equals("or")) {
      Object v = null;
      for (Node arg : args) {
        v = evalArg(dot, Type.VALUE, arg);
        if (GoValues.isTrue(v) == name.equals("or")) {
          return v;
        }
      }
      if (fin != MISSING) {
        v = validateType(fin, Type.VALUE);
      }
      return v;
    }
    List<Object> argv = new ArrayList<>(numIn);
    int i = 0;
    for (; i < numFixed && i < args.size(); i++) {
      argv.add(evalArg(dot, fn.params().get(i), args.get(i)));
    }
    if (fn.variadic()) {
      Type t = fn.params().get(numParams - 1);
      for (; i < args.size(); i++) {
        argv.add(evalArg(dot, t, args.get(i)));
      }
    }
    if (fin != MISSING) {
      Type t = fn.params().get(numParams - 1);
      if (fn.variadic() && numIn - 1 < numFixed) {
        t = fn.params().get(numIn - 1);
      }
      argv.add(validateType(fin, t));
    }
    try {
      return fn.body().call(argv);
    } catch (CallError e) {
      at(cmd);
      throw errorf("error calling " + name + ": " + e.getMessage());
    }
  }

  private Object validateType(Object value, Type type) {
    if (value == null) {
      if (type == null || type.canBeNil()) {
        return null;
      }
      if (type == Type.VALUE) {
        return null;
      }
      throw errorf("invalid value; expected " + type.goName());
    }
    if (type == null) {
      return value;
    }
    boolean ok = switch (type) {
      case ANY, VALUE -> true;
      case STRING -> value instanceof String;
      case FLOAT -> value instanceof Double;
      case SAMPLE -> value instanceof QuerySample;
      case QUERY_RESULT -> value instanceof QueryResult;
    };
    if (!ok) {
      throw errorf("wrong type for value; expected " + type.goName() + "; got " + GoValues.typeName(value));
    }
    return value;
  }

  private Object evalArg(Object dot, Type type, Node n) {
    at(n);
    if (n instanceof DotNode) {
      return validateType(dot, type);
    }
    if (n instanceof NilNode) {
      if (type != null && type.canBeNil()) {
        return null;
      }
      throw errorf("cannot assign nil to " + (type == null ? "<nil>" : type.goName()));
    }
    if (n instanceof FieldNode f) {
      at(f);
      return validateType(evalFieldChain(dot, dot, f, f.ident(), List.of(n), MISSING), type);
    }
    if (n instanceof VariableNode v) {
      return validateType(evalVariableNode(dot, v, null, MISSING), type);
    }
    if (n instanceof PipeNode p) {
      return validateType(evalPipeline(dot, p), type);
    }
    if (n instanceof IdentifierNode id) {
      return validateType(evalFunction(dot, id, id, null, MISSING), type);
    }
    if (n instanceof ChainNode c) {
      return validateType(evalChainNode(dot, c, null, MISSING), type);
    }
    if (type == null || type == Type.ANY || type == Type.VALUE) {
      return evalEmptyInterface(dot, n);
    }
    switch (type) {
      case FLOAT -> {
        if (n instanceof NumberNode num && num.isFloat()) {
          return num.floatValue();
        }
        throw errorf("expected float; found " + n);
      }
      case STRING -> {
        if (n instanceof StringNode s) {
          return s.text();
        }
        throw errorf("expected string; found " + n);
      }
      default -> throw errorf("can't handle " + n + " for arg of type " + type.goName());
    }
  }

  private Object evalEmptyInterface(Object dot, Node n) {
    at(n);
    if (n instanceof BoolNode b) {
      return b.value();
    }
    if (n instanceof DotNode) {
      return dot;
    }
    if (n instanceof NumberNode num) {
      return idealConstant(num);
    }
    if (n instanceof StringNode s) {
      return s.text();
    }
    throw errorf("can't handle assignment of " + n + " to empty interface argument");
  }
}
