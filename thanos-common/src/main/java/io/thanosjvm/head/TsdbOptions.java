package io.thanosjvm.head;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link LocalTsdb}.
 *
 * @param head head settings; its chunk range is also the block range
 * @param retention {@code --tsdb.retention}: blocks whose max time is further than this behind the newest block's
 *     max time are deleted; zero keeps every block
 * @param externalLabels when not empty, cut blocks carry a Thanos meta section with these labels (source
 *     {@code receive}); when empty they are plain Prometheus blocks
 * @param walEnabled whether commits are logged to {@code wal/} and replayed at open
 * @param walCompression {@code --tsdb.wal-compression} (snappy), on by default as in Thanos
 * @param walSegmentSize WAL segment size in bytes (128 MiB)
 */
public record TsdbOptions(HeadOptions head, Duration retention, Map<String, String> externalLabels,
    boolean walEnabled, boolean walCompression, int walSegmentSize) {

  /** Default WAL segment size. */
  public static final int DEFAULT_SEGMENT_SIZE = 128 * 1024 * 1024;

  /** Validates and copies. */
  public TsdbOptions {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative()) {
      throw new IllegalArgumentException("retention must not be negative");
    }
    externalLabels = Map.copyOf(externalLabels);
    if (walSegmentSize < 32 * 1024 || walSegmentSize % (32 * 1024) != 0) {
      throw new IllegalArgumentException("WAL segment size must be a positive multiple of 32KiB: " + walSegmentSize);
    }
  }

  /** 2h blocks, no retention limit, plain blocks, compressed WAL of 128 MiB segments. */
  public static TsdbOptions defaults() {
    return new TsdbOptions(HeadOptions.defaults(), Duration.ZERO, Map.of(), true, true, DEFAULT_SEGMENT_SIZE);
  }

  /** A copy with other head options. */
  public TsdbOptions withHead(HeadOptions h) {
    return new TsdbOptions(h, retention, externalLabels, walEnabled, walCompression, walSegmentSize);
  }

  /** A copy with another retention. */
  public TsdbOptions withRetention(Duration r) {
    return new TsdbOptions(head, r, externalLabels, walEnabled, walCompression, walSegmentSize);
  }

  /** A copy with external labels (Thanos meta on cut blocks). */
  public TsdbOptions withExternalLabels(Map<String, String> labels) {
    return new TsdbOptions(head, retention, labels, walEnabled, walCompression, walSegmentSize);
  }

  /** A copy with the WAL on or off. */
  public TsdbOptions withWal(boolean enabled) {
    return new TsdbOptions(head, retention, externalLabels, enabled, walCompression, walSegmentSize);
  }

  /** A copy with another WAL segment size. */
  public TsdbOptions withWalSegmentSize(int size) {
    return new TsdbOptions(head, retention, externalLabels, walEnabled, walCompression, size);
  }

  /** A copy with WAL compression on or off. */
  public TsdbOptions withWalCompression(boolean on) {
    return new TsdbOptions(head, retention, externalLabels, walEnabled, on, walSegmentSize);
  }
}
