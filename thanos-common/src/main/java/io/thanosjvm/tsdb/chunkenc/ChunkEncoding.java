package io.thanosjvm.tsdb.chunkenc;

/** The chunk encoding byte stored before each chunk in a segment file. */
public final class ChunkEncoding {

  /** No encoding (never written). */
  public static final int NONE = 0;
  /** Float samples, XOR compressed. */
  public static final int XOR = 1;
  /** Native histograms (not supported by this implementation beyond passing bytes through). */
  public static final int HISTOGRAM = 2;
  /** Float native histograms (passed through only). */
  public static final int FLOAT_HISTOGRAM = 3;
  /** Thanos downsampled aggregate chunk. */
  public static final int AGGR = 0xFF;

  private ChunkEncoding() {}

  /** A readable name of the encoding, as Prometheus prints it. */
  public static String name(int encoding) {
    return switch (encoding) {
      case NONE -> "none";
      case XOR -> "XOR";
      case HISTOGRAM -> "histogram";
      case FLOAT_HISTOGRAM -> "floathistogram";
      case AGGR -> "aggr";
      default -> "<unknown " + encoding + ">";
    };
  }
}
