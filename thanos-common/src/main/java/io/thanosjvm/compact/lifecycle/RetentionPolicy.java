package io.thanosjvm.compact.lifecycle;

import io.thanosjvm.block.Markers;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.GoDuration;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Retention by resolution ({@code --retention.resolution-raw|5m|1h}): a block is expired once the clock is past
 * its max time (truncated to whole seconds, as Thanos does) plus the retention of its resolution; a zero
 * retention keeps blocks forever. Expired blocks get a deletion mark; the deletion itself happens after the
 * delete delay ({@link DeletionCleaner}).
 */
public final class RetentionPolicy {

  private final Duration raw;
  private final Duration fiveMinutes;
  private final Duration oneHour;
  private final Clock clock;

  /**
   * A policy.
   *
   * @param raw retention of raw blocks (zero: forever)
   * @param fiveMinutes retention of 5m blocks (zero: forever)
   * @param oneHour retention of 1h blocks (zero: forever)
   * @param clock the time source
   */
  public RetentionPolicy(Duration raw, Duration fiveMinutes, Duration oneHour, Clock clock) {
    this.raw = Objects.requireNonNull(raw, "raw");
    this.fiveMinutes = Objects.requireNonNull(fiveMinutes, "fiveMinutes");
    this.oneHour = Objects.requireNonNull(oneHour, "oneHour");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The retention of a resolution; zero for unknown resolutions (kept forever, as in Thanos). */
  public Duration retention(long resolution) {
    if (resolution == 0) {
      return raw;
    }
    if (resolution == 300_000L) {
      return fiveMinutes;
    }
    return resolution == 3_600_000L ? oneHour : Duration.ZERO;
  }

  /** Whether the block is past its retention now. */
  public boolean expired(BlockMeta meta) {
    Duration r = retention(meta.thanos().map(ThanosMeta::resolution).orElse(0L));
    if (r.isZero()) {
      return false;
    }
    long maxTimeTruncated = Math.floorDiv(meta.maxTime(), 1000L) * 1000L;
    return clock.millis() > maxTimeTruncated + r.toMillis();
  }

  /** The expired blocks among {@code metas}, in the given order. */
  public List<BlockMeta> expired(Collection<BlockMeta> metas) {
    List<BlockMeta> out = new ArrayList<>();
    for (BlockMeta m : metas) {
      if (expired(m)) {
        out.add(m);
      }
    }
    return out;
  }

  /**
   * Marks every expired block for deletion (blocks already marked keep their mark). A failing mark is reported
   * and the others are still tried.
   *
   * @return the number of marks written
   * @throws IOException the first marking failure, after all blocks were tried
   */
  public int apply(Collection<BlockMeta> metas, Markers markers, LifecycleListener listener) throws IOException {
    int written = 0;
    IOException first = null;
    for (BlockMeta m : expired(metas)) {
      Duration r = retention(m.thanos().map(ThanosMeta::resolution).orElse(0L));
      try {
        if (markers.mark(m.ulid(), MarkerKind.DELETION, "block exceeding retention of " + GoDuration.format(r),
            null)) {
          written++;
          listener.blockMarked(m.ulid(), MarkerKind.DELETION, "");
        }
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return written;
  }
}
