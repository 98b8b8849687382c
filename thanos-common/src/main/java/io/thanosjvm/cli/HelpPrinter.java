package io.thanosjvm.cli;

import java.io.PrintStream;

/** Prints kingpin-style help: the component list, or one component's flags with defaults. */
public final class HelpPrinter {

  private HelpPrinter() {}

  /** {@code thanos --help}: every component. */
  public static void printComponents(PrintStream out) {
    out.println("usage: thanos <command> [<flags>] [<args> ...]");
    out.println();
    out.println("A block storage based long-term storage for Prometheus (Thanos for the JVM).");
    out.println();
    out.println("Commands:");
    int width = Components.components().keySet().stream().mapToInt(String::length).max().orElse(5);
    Components.components().values().forEach(c ->
        out.printf("  %-" + width + "s  %s%n", c.name(), c.description()));
    out.println();
    out.println("Run 'thanos <command> --help' for its flags.");
  }

  /** {@code thanos <component> --help}: the component's flags with defaults. */
  public static void printComponent(ComponentSpec component, PrintStream out) {
    out.println("usage: thanos " + component.name() + " [<flags>]");
    out.println();
    out.println(component.description());
    out.println();
    out.println("Flags:");
    out.println("  -h, --help  Show context-sensitive help.");
    for (FlagSpec f : component.flags()) {
      if (f.hidden()) {
        continue;
      }
      StringBuilder left = new StringBuilder("      --");
      if (f.kind() == FlagKind.BOOLEAN) {
        left.append("[no-]").append(f.flag());
      } else {
        left.append(f.flag());
        if (!f.defaultValue().isEmpty()) {
          left.append("=\"").append(f.defaultValue()).append('"');
        } else {
          left.append("=").append(f.kind() == FlagKind.LIST || f.kind() == FlagKind.COMMA_LIST
              ? "<value> ..." : "<value>");
        }
      }
      out.println(left);
      String extra = f.kind() == FlagKind.BOOLEAN ? " Default: " + f.defaultValue() + "." : "";
      out.println("          " + f.help() + extra
          + (f.kind() == FlagKind.NOT_IMPLEMENTED ? "" : " [" + String.join(", ", component.properties(f.flag())) + "]"));
    }
    out.println();
    out.println("Spring-style properties work too: --thanos.<property>=<value>, --spring.profiles.active=<p>.");
  }
}
