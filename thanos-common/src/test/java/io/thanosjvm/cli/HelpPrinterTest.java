package io.thanosjvm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HelpPrinterTest {

  private static String capture(java.util.function.Consumer<PrintStream> printer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    printer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void listsEveryComponent() {
    String help = capture(HelpPrinter::printComponents);
    for (String component : Components.components().keySet()) {
      assertThat(help).contains("  " + component + "  ");
    }
  }

  @Test
  void listsEveryFlagOfAComponentWithItsDefault() {
    ComponentSpec query = Components.component("query");
    String help = capture(out -> HelpPrinter.printComponent(query, out));
    assertThat(help).contains("--http-address=\"0.0.0.0:10902\"", "--grpc-address=\"0.0.0.0:10901\"",
        "--[no-]query.partial-response", "--endpoint=<value> ...");
    for (FlagSpec f : query.flags()) {
      assertThat(help).contains(f.flag());
    }
  }

  @Test
  void prepareReportsBadFlagsWithExitCodeTwo() {
    int[] exit = {-1};
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = ThanosCommandLine.prepare("query", new String[] {"--nope"}, System.out,
        new PrintStream(err, true, StandardCharsets.UTF_8), exit);
    assertThat(args).isNull();
    assertThat(exit[0]).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("thanos: error: unknown long flag '--nope'");
  }
}
