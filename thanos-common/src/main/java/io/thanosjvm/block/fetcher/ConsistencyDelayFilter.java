package io.thanosjvm.block.fetcher;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.tsdb.Ulid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Hides blocks younger than a delay ({@code too-fresh}), so eventually consistent buckets show whole
 * blocks. Age is measured from {@code thanos.upload_time} when set, else from the ULID time; blocks made by
 * the compactor or a repair are trusted at once.
 */
public final class ConsistencyDelayFilter implements MetaFilter {

  private static final Set<String> EXEMPT_SOURCES = Set.of("compactor", "compactor.repair", "bucket.repair");
  private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

  private final Duration delay;
  private final Clock clock;

  /** A filter hiding blocks younger than {@code delay} by {@code clock}. */
  public ConsistencyDelayFilter(Duration delay, Clock clock) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("negative consistency delay " + delay);
    }
    this.delay = delay;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void filter(Map<String, BlockMeta> metas, SyncCounts synced) {
    long now = clock.millis();
    metas.values().removeIf(m -> {
      String source = m.thanos().map(t -> t.source()).orElse("");
      if (EXEMPT_SOURCES.contains(source)) {
        return false;
      }
      boolean fresh = now - bornMillis(m) < delay.toMillis();
      if (fresh) {
        synced.inc(SyncState.TOO_FRESH);
      }
      return fresh;
    });
  }

  /** Upload time when recorded, else the ULID's timestamp. */
  static long bornMillis(BlockMeta m) {
    if (m.document().get("thanos") instanceof Map<?, ?> t && t.get("upload_time") instanceof String s
        && !s.isEmpty() && !s.equals(ZERO_TIME)) {
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException e) {
        // An unparsable upload time falls back to the ULID time.
      }
    }
    return Ulid.timestamp(m.ulid());
  }
}
