package io.thanosjvm.tsdb.wlog;

/**
 * How a {@link Wal} writes: segment size (a multiple of the 32 KiB page; Prometheus' default 128 MiB), snappy
 * record compression ({@code --tsdb.wal-compression}, on by default as in Thanos) and whether completed segments
 * are fsynced.
 *
 * @param segmentSize bytes per segment, a positive multiple of {@link #PAGE_SIZE}
 * @param compress whether records are snappy-compressed (kept only when shorter)
 * @param fsync whether completed and closed segments are fsynced
 */
public record WalOptions(int segmentSize, boolean compress, boolean fsync) {

  /** The page size: fragments never cross a page. */
  public static final int PAGE_SIZE = 32 * 1024;

  /** Prometheus' default segment size, 128 MiB. */
  public static final int DEFAULT_SEGMENT_SIZE = 128 * 1024 * 1024;

  /** Validates the segment size. */
  public WalOptions {
    if (segmentSize <= 0 || segmentSize % PAGE_SIZE != 0) {
      throw new IllegalArgumentException("invalid segment size " + segmentSize + ": must be a positive multiple of "
          + PAGE_SIZE);
    }
  }

  /** 128 MiB segments, compression on, fsync on. */
  public static WalOptions defaults() {
    return new WalOptions(DEFAULT_SEGMENT_SIZE, true, true);
  }

  /** These options with another segment size. */
  public WalOptions withSegmentSize(int size) {
    return new WalOptions(size, compress, fsync);
  }

  /** These options with compression on or off. */
  public WalOptions withCompression(boolean on) {
    return new WalOptions(segmentSize, on, fsync);
  }

  /** These options with fsync on or off. */
  public WalOptions withFsync(boolean on) {
    return new WalOptions(segmentSize, compress, on);
  }
}
