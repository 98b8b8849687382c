package io.thanosjvm.head;

/** Why the head refused a sample, with the exact error texts of Prometheus 2.42 ({@code storage.Err*}). */
public enum AppendError {
  /** {@code t} below the appendable window (head max time - chunk range / 2, or the last block's max time). */
  OUT_OF_BOUNDS("out of bounds"),
  /** {@code t} before the series' last sample (and outside any out-of-order window). */
  OUT_OF_ORDER("out of order sample"),
  /** {@code t} equal to the series' last sample with other float64 bits. */
  DUPLICATE_TIMESTAMP("duplicate sample for timestamp"),
  /** Older than the out-of-order window allows (only when the window is enabled). */
  TOO_OLD("too old sample"),
  /**
   * Beyond now + {@code --tsdb.too-far-in-future.time-window}; Thanos' receive reports it as Prometheus'
   * {@code out of bounds}.
   */
  TOO_FAR_IN_FUTURE("out of bounds"),
  /** A label set without labels ({@code storage.ErrInvalidSample} wording). */
  EMPTY_LABELS("empty labelset: invalid sample"),
  /** An appender ref the head does not know. */
  UNKNOWN_SERIES("unknown series ref");

  private final String text;

  AppendError(String text) {
    this.text = text;
  }

  /** Prometheus' error text. */
  public String text() {
    return text;
  }
}
