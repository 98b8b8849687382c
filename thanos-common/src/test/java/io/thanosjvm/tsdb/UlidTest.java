package io.thanosjvm.tsdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.metadata.BlockMeta;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UlidTest {

  @Test
  void encodesTimeInTheFirstTenCharacters() {
    assertThat(Ulid.encode(0, 0, 0)).isEqualTo("00000000000000000000000000");
    assertThat(Ulid.encode((1L << 48) - 1, 0xFFFF, -1L)).isEqualTo("7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
    assertThat(Ulid.timestamp("01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo(1469922850259L);
    assertThat(Ulid.encode(1469922850259L, 0, 0)).startsWith("01ARZ3NDEK");
  }

  @Test
  void idsWithinOneMillisecondAreMonotonicAndValid() {
    Clock clock = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
    Ulid u = new Ulid(clock, new SplittableRandom(1));
    String prev = u.next();
    for (int i = 0; i < 1000; i++) {
      String next = u.next();
      assertThat(next).isGreaterThan(prev);
      assertThat(BlockMeta.isUlid(next)).isTrue();
      assertThat(Ulid.timestamp(next)).isEqualTo(1_700_000_000_000L);
      prev = next;
    }
  }
}
