package io.thanosjvm.promql;

/**
 * A syntax or type error in a PromQL expression. The message reads like Prometheus':
 * {@code 1:14: parse error: unexpected ...}.
 */
public final class PromqlParseException extends PromqlException {

  private final int position;
  private final String detail;

  /**
   * Creates the error.
   *
   * @param query the whole query text
   * @param position the 0-based character offset where the problem starts
   * @param detail the message without position
   */
  public PromqlParseException(String query, int position, String detail) {
    super(render(query, position, detail));
    this.position = position;
    this.detail = detail;
  }

  /** The 0-based offset of the problem in the query. */
  public int position() {
    return position;
  }

  /** The message without the position prefix. */
  public String detail() {
    return detail;
  }

  private static String render(String query, int pos, String detail) {
    if (pos < 0 || pos > query.length()) {
      return "invalid position: parse error: " + detail;
    }
    int line = 1;
    int lastBreak = -1;
    for (int i = 0; i < pos; i++) {
      if (query.charAt(i) == '\n') {
        line++;
        lastBreak = i;
      }
    }
    return line + ":" + (pos - lastBreak) + ": parse error: " + detail;
  }
}
