package io.thanosjvm.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the {@code bin/thanos} launcher for what needs no component jar: {@code thanos --help} and
 * {@code thanos --version}. Component apps call {@link #prepare} from their main methods.
 */
public final class ThanosCommandLine {

  private ThanosCommandLine() {}

  /** Prints the component list (any argument) and exits 0; unknown commands exit 2. */
  public static void main(String[] args) {
    List<String> list = Arrays.asList(args);
    if (list.isEmpty() || list.contains("--help") || list.contains("-h") || list.get(0).equals("help")) {
      HelpPrinter.printComponents(System.out);
      return;
    }
    System.err.println("thanos: error: unknown command \"" + list.get(0) + "\"; known: "
        + String.join(", ", Components.components().keySet()) + ". Try --help.");
    System.exit(2);
  }

  /**
   * The body of every component's {@code main}: translates the Thanos command line and starts the app with
   * {@code starter}, or prints help (exit 0) or the flag error (exit 2).
   */
  public static void launch(String component, String[] args, java.util.function.Consumer<String[]> starter) {
    int[] exitCode = {0};
    String[] springArgs = prepare(component, args, System.out, System.err, exitCode);
    if (springArgs == null) {
      System.exit(exitCode[0]);
      return;
    }
    starter.accept(springArgs);
  }

  /**
   * Translates a component's command line for Spring. Prints help and returns null when help was asked
   * for; prints the error and returns null (after setting {@code exitCode[0] = 2}) on a bad flag.
   *
   * @param component the component name
   * @param args arguments after the component name
   * @param out where help goes
   * @param err where errors go
   * @param exitCode a one-element array receiving 0 (help) or 2 (error) when null is returned
   */
  public static String[] prepare(String component, String[] args, PrintStream out, PrintStream err,
      int[] exitCode) {
    ComponentSpec spec = Components.component(component);
    try {
      FlagTranslation t = new FlagTranslator(spec).translate(Arrays.asList(args));
      if (t.helpRequested()) {
        HelpPrinter.printComponent(spec, out);
        exitCode[0] = 0;
        return null;
      }
      return t.toArray();
    } catch (FlagException e) {
      err.println("thanos: error: " + e.getMessage());
      exitCode[0] = 2;
      return null;
    }
  }
}
