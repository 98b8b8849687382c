package io.thanosjvm.compact.lifecycle;

import static io.thanosjvm.compact.lifecycle.LifecycleMetas.meta;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

  private static final long NOW = 1_800_000_000_000L;
  private static final long DAY = 86_400_000L;

  private final RetentionPolicy policy = new RetentionPolicy(Duration.ofDays(2), Duration.ofDays(20), Duration.ZERO,
      Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

  @Test
  void aBlockExpiresOnceTheClockIsPastItsMaxTimePlusRetention() {
    assertThat(policy.expired(meta(1, 0, NOW - 2 * DAY, 0))).as("exactly at the retention").isFalse();
    assertThat(policy.expired(meta(1, 0, NOW - 2 * DAY - 1000, 0))).isTrue();
    assertThat(policy.expired(meta(1, 0, NOW - 3 * DAY, 300_000))).as("5m keeps 20 days").isFalse();
    assertThat(policy.expired(meta(1, 0, NOW - 21 * DAY, 300_000))).isTrue();
  }

  @Test
  void maxTimeIsTruncatedToSecondsAsThanosDoes() {
    assertThat(policy.expired(meta(1, 0, NOW - 2 * DAY + 999, 0))).as("max time truncated to the second before")
        .isFalse();
    RetentionPolicy shifted = new RetentionPolicy(Duration.ofDays(2), Duration.ZERO, Duration.ZERO,
        Clock.fixed(Instant.ofEpochMilli(NOW + 1), ZoneOffset.UTC));
    assertThat(shifted.expired(meta(1, 0, NOW - 2 * DAY + 999, 0))).isTrue();
  }

  @Test
  void zeroRetentionAndUnknownResolutionsKeepBlocksForever() {
    assertThat(policy.expired(meta(1, 0, 0, 3_600_000))).isFalse();
    assertThat(policy.expired(meta(1, 0, 0, 60_000))).isFalse();
  }
}
