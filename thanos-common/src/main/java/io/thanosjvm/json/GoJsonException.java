package io.thanosjvm.json;

/**
 * Thrown for a JSON document that is not one JSON value ({@link GoJson#parse}) or whose content is invalid for
 * what it is (subclasses such as {@code tsdb.InvalidMetaException}); names the source and, where known, the
 * character offset.
 */
public class GoJsonException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String source;
  private final long offset;
  private final String problem;

  /**
   * Creates the exception.
   *
   * @param source what was parsed (a file name)
   * @param offset character offset of the problem, or -1
   * @param problem what is wrong
   */
  public GoJsonException(String source, long offset, String problem) {
    super(source + (offset >= 0 ? " at offset " + offset : "") + ": " + problem);
    this.source = source;
    this.offset = offset;
    this.problem = problem;
  }

  /** What was parsed. */
  public String source() {
    return source;
  }

  /** The character offset of the problem, or -1. */
  public long offset() {
    return offset;
  }

  /** What is wrong, without source and offset. */
  public String problem() {
    return problem;
  }
}
