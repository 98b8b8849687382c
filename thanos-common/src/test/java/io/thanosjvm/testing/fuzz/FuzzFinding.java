package io.thanosjvm.testing.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Base64;

/**
 * An input the target mishandled: an unexpected exception, a hang, or an allocation beyond the budget. The input is
 * kept so that it can be pasted into a regression test.
 *
 * @param kind what went wrong ({@code exception}, {@code hang}, {@code allocation})
 * @param iteration the iteration that produced it
 * @param input the input bytes
 * @param detail a description (the allocation, the timeout)
 * @param failure the unexpected throwable, or null
 */
public record FuzzFinding(String kind, long iteration, byte[] input, String detail, Throwable failure) {

  /** Validates and keeps the input as given. */
  public FuzzFinding {
    if (kind == null || kind.isEmpty() || input == null || detail == null) {
      throw new IllegalArgumentException("kind, input and detail are required");
    }
  }

  /** A report with the input in base64 (and as text when printable) and the stack trace. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append(kind).append(" at iteration ").append(iteration).append(": ").append(detail).append('\n');
    s.append("  input (").append(input.length).append(" bytes, base64): ")
        .append(Base64.getEncoder().encodeToString(input)).append('\n');
    if (printable(input)) {
      s.append("  input as text: ").append(new String(input, java.nio.charset.StandardCharsets.UTF_8)).append('\n');
    }
    if (failure != null) {
      StringWriter w = new StringWriter();
      failure.printStackTrace(new PrintWriter(w));
      s.append(w);
    }
    return s.toString();
  }

  private static boolean printable(byte[] b) {
    for (byte x : b) {
      if ((x < 0x20 && x != '\n' && x != '\t') || x == 0x7F) {
        return false;
      }
    }
    return true;
  }
}
