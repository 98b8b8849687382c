package io.thanosjvm.rules;

import java.util.List;

/** A rule file that cannot be loaded, with every problem found in it (promtool reports them all at once). */
public final class RuleFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /** The problems of {@code file}. */
  public RuleFileException(String file, List<String> problems) {
    super(file + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, as promtool words it. */
  public List<String> problems() {
    return problems;
  }
}
