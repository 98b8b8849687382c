package io.thanosjvm.store.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The index cache keys in Thanos' format (moved out of the cache hashes test with the hashes). */
class CacheKeysTest {

  @Test
  void keysHaveThanosFormat() {
    // hash part: base64url (no padding) of Python's hashlib.blake2b(b"__name__:up", digest_size=32)
    assertThat(CacheKeys.postings("01HQZ3D7X5RJ1K0000000000AA", "__name__", "up", ""))
        .isEqualTo("P:01HQZ3D7X5RJ1K0000000000AA:4BTtibLpOZUR1aJHkCHmvdmBQ8Kv8TnO9fkCf4ZBaOs");
    assertThat(CacheKeys.postings("01HQZ3D7X5RJ1K0000000000AA", "__name__", "up", "dss"))
        .isEqualTo("P:01HQZ3D7X5RJ1K0000000000AA:4BTtibLpOZUR1aJHkCHmvdmBQ8Kv8TnO9fkCf4ZBaOs:dss");
    assertThat(CacheKeys.series("01HQZ3D7X5RJ1K0000000000AA", 1234))
        .isEqualTo("S:01HQZ3D7X5RJ1K0000000000AA:1234");
    assertThat(CacheKeys.series("B", -1L)).isEqualTo("S:B:18446744073709551615");
  }
}
