package io.thanosjvm.api;

/**
 * Cuts a {@link JsonBody} into chunks of about {@code targetChars} characters: a chunk is filled with whole
 * pieces until it reaches the target, so it holds at most the target plus one piece (pieces are a label set or a
 * sample; never a string cut in two, so no UTF-16 surrogate pair is split). Only the next chunk is written when
 * asked for: the document is produced as fast as it is consumed. Single-use and not thread-safe.
 */
public final class JsonChunks {

  /** The default chunk target: 64 KiB of characters (Prometheus' JSON is almost all ASCII, so about 64 KiB). */
  public static final int DEFAULT_TARGET_CHARS = 64 * 1024;

  private final JsonBody.Writer writer;
  private final int targetChars;
  private boolean finished;

  /** Chunks of {@code body} of about {@code targetChars} characters (at least 1). */
  public JsonChunks(JsonBody body, int targetChars) {
    if (targetChars < 1) {
      throw new IllegalArgumentException("chunk target must be at least 1 character, got " + targetChars);
    }
    this.writer = body.open();
    this.targetChars = targetChars;
  }

  /**
   * Replaces the content of {@code sb} with the next chunk and returns true, or leaves {@code sb} empty and returns
   * false when the document has no more characters.
   */
  public boolean next(StringBuilder sb) {
    sb.setLength(0);
    while (!finished && sb.length() < targetChars) {
      if (!writer.writeNext(sb)) {
        finished = true;
      }
    }
    return sb.length() > 0;
  }

  /** True once the document's end was reached: the chunk last returned was the final one. */
  public boolean finished() {
    return finished;
  }
}
