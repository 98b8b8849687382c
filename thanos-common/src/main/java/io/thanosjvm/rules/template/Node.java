package io.thanosjvm.rules.template;

import java.util.List;
import java.util.stream.Collectors;

/** The parse tree of Go's {@code text/template}; {@link #toString()} prints nodes as Go's {@code String()} does. */
sealed interface Node {

  /** Byte offset of the node in the template text. */
  int pos();

  /** A sequence of nodes. */
  record ListNode(int pos, List<Node> nodes) implements Node {
    @Override
    public String toString() {
      return nodes.stream().map(Object::toString).collect(Collectors.joining());
    }
  }

  /** Plain text. */
  record TextNode(int pos, String text) implements Node {
    @Override
    public String toString() {
      return text;
    }
  }

  /** {@code {{pipeline}}}. */
  record ActionNode(int pos, int line, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      return "{{" + pipe + "}}";
    }
  }

  /** A pipeline with optional variable declarations or assignment. */
  record PipeNode(int pos, int line, boolean isAssign, List<VariableNode> decl, List<CommandNode> cmds)
      implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      if (!decl.isEmpty()) {
        sb.append(decl.stream().map(Object::toString).collect(Collectors.joining(", ")));
        sb.append(" := ");
      }
      sb.append(cmds.stream().map(Object::toString).collect(Collectors.joining(" | ")));
      return sb.toString();
    }
  }

  /** A command: a function, field or value with arguments. */
  record CommandNode(int pos, List<Node> args) implements Node {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        Node a = args.get(i);
        if (a instanceof PipeNode) {
          sb.append('(').append(a).append(')');
        } else {
          sb.append(a);
        }
      }
      return sb.toString();
    }
  }

  /** A function name. */
  record IdentifierNode(int pos, String ident) implements Node {
    @Override
    public String toString() {
      return ident;
    }
  }

  /** {@code $x.Field...}. */
  record VariableNode(int pos, List<String> ident) implements Node {
    @Override
    public String toString() {
      return String.join(".", ident);
    }
  }

  /** {@code .} */
  record DotNode(int pos) implements Node {
    @Override
    public String toString() {
      return ".";
    }
  }

  /** {@code nil} */
  record NilNode(int pos) implements Node {
    @Override
    public String toString() {
      return "nil";
    }
  }

  /** {@code .Field.Sub}. */
  record FieldNode(int pos, List<String> ident) implements Node {
    @Override
    public String toString() {
      return ident.stream().map(s -> "." + s).collect(Collectors.joining());
    }
  }

  /** {@code (pipeline).Field}. */
  record ChainNode(int pos, Node node, List<String> field) implements Node {
    @Override
    public String toString() {
      String base = node instanceof PipeNode ? "(" + node + ")" : node.toString();
      return base + field.stream().map(s -> "." + s).collect(Collectors.joining());
    }
  }

  /** {@code true}/{@code false}. */
  record BoolNode(int pos, boolean value) implements Node {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /** A numeric constant with its Go interpretations. */
  record NumberNode(int pos, String text, boolean isInt, boolean isFloat, long intValue, double floatValue)
      implements Node {
    @Override
    public String toString() {
      return text;
    }
  }

  /** A quoted string constant: its source text and value. */
  record StringNode(int pos, String quoted, String text) implements Node {
    @Override
    public String toString() {
      return quoted;
    }
  }

  /** {@code {{end}}} (parse-time only). */
  record EndNode(int pos) implements Node {
    @Override
    public String toString() {
      return "{{end}}";
    }
  }

  /** {@code {{else}}} (parse-time only). */
  record ElseNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{else}}";
    }
  }

  /** {@code {{break}}}. */
  record BreakNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{break}}";
    }
  }

  /** {@code {{continue}}}. */
  record ContinueNode(int pos, int line) implements Node {
    @Override
    public String toString() {
      return "{{continue}}";
    }
  }

  /** The kinds of branch. */
  enum BranchKind { IF, RANGE, WITH }

  /** {@code if}, {@code range} or {@code with}. */
  record BranchNode(BranchKind kind, int pos, int line, PipeNode pipe, ListNode list, ListNode elseList)
      implements Node {
    @Override
    public String toString() {
      String name = kind.name().toLowerCase(java.util.Locale.ROOT);
      return "{{" + name + " " + pipe + "}}" + list + (elseList != null ? "{{else}}" + elseList : "") + "{{end}}";
    }
  }

  /** {@code {{template "name" pipeline}}}. */
  record TemplateNode(int pos, int line, String name, PipeNode pipe) implements Node {
    @Override
    public String toString() {
      return pipe == null
          ? "{{template " + GoFmt.sprintf("%q", List.of(name)) + "}}"
          : "{{template " + GoFmt.sprintf("%q", List.of(name)) + " " + pipe + "}}";
    }
  }
}
