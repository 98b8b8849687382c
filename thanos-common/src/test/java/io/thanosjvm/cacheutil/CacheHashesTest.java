package io.thanosjvm.cacheutil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BLAKE2b, XXH64, jump hash and natural order against independent known values. */
class CacheHashesTest {

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void blake2b256MatchesPythonHashlib() {
    // Expected values computed with Python's hashlib.blake2b(data, digest_size=32).
    assertThat(hex(Blake2b.sum256(utf8("abc"))))
        .isEqualTo("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    assertThat(hex(Blake2b.sum256(new byte[0])))
        .isEqualTo("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    byte[] multiBlock = new byte[768];
    for (int i = 0; i < multiBlock.length; i++) {
      multiBlock[i] = (byte) i;
    }
    assertThat(hex(Blake2b.sum256(multiBlock)))
        .isEqualTo("b8007121274217790e2923e0ad7027986e5a99d5531ef6ae7d294140fc81615d");
  }

  @Test
  void blake2b512MatchesRfc7693AppendixA() {
    assertThat(hex(Blake2b.digest(utf8("abc"), 64))).isEqualTo(
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
  }

  /** RFC 7693 Appendix E: the grand hash over keyed and unkeyed digests of many lengths. */
  @Test
  void blake2bPassesRfc7693SelfTest() {
    int[] mdLens = {20, 32, 48, 64};
    int[] inLens = {0, 3, 128, 129, 255, 1024};
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    for (int outLen : mdLens) {
      for (int inLen : inLens) {
        byte[] in = selfTestSequence(inLen, inLen);
        all.writeBytes(Blake2b.digest(in, outLen));
        byte[] key = selfTestSequence(outLen, outLen);
        all.writeBytes(Blake2b.digest(key, in, outLen));
      }
    }
    assertThat(hex(Blake2b.sum256(all.toByteArray())))
        .isEqualTo("c23a7800d98123bd10f506c61e29da5603d763b8bbad2e737f5e765a7bccd475");
  }

  private static byte[] selfTestSequence(int len, int seed) {
    byte[] out = new byte[len];
    int a = 0xDEAD4BAD * seed;
    int b = 1;
    for (int i = 0; i < len; i++) {
      int t = a + b;
      a = b;
      b = t;
      out[i] = (byte) (t >>> 24);
    }
    return out;
  }

  @Test
  void xxHash64MatchesReferenceValues() {
    assertThat(XxHash64.hash(new byte[0])).isEqualTo(0xEF46DB3751D8E999L);
    assertThat(XxHash64.hash(utf8("a"))).isEqualTo(0xD24EC4F1A98C6E5BL);
    assertThat(XxHash64.hash(utf8("abc"))).isEqualTo(0x44BC2CF5AD770999L);
    // longer than one 32-byte stripe
    assertThat(XxHash64.hash(utf8("Nobody inspects the spammish repetition"))).isEqualTo(0xFBCEA83C8A378BF1L);
  }

  @Test
  void jumpHashStaysInRangeAndOnlyMovesKeysToANewBucket() {
    for (long k = 0; k < 10_000; k++) {
      long key = XxHash64.hash(utf8("key-" + k));
      assertThat(JumpHash.bucket(key, 1)).isZero();
      int previous = JumpHash.bucket(key, 1);
      for (int n = 2; n <= 12; n++) {
        int now = JumpHash.bucket(key, n);
        assertThat(now).isBetween(0, n - 1);
        assertThat(now == previous || now == n - 1).as("key %d moved from %d to %d at n=%d", k, previous, now, n)
            .isTrue();
        previous = now;
      }
    }
  }

  @Test
  void jumpHashSpreadsKeysEvenly() {
    int[] counts = new int[5];
    for (int k = 0; k < 50_000; k++) {
      counts[JumpHash.bucket(XxHash64.hash(utf8("S:01H:" + k)), 5)]++;
    }
    for (int c : counts) {
      assertThat(c).isBetween(9_000, 11_000);
    }
  }

  @Test
  void addressesSortNaturally() {
    List<String> addresses = new ArrayList<>(List.of("memcached-10:11211", "memcached-2:11211",
        "memcached-1:11211", "a:1", "memcached-02:11211"));
    addresses.sort(NaturalOrder.INSTANCE);
    assertThat(addresses).containsExactly("a:1", "memcached-1:11211", "memcached-2:11211", "memcached-02:11211",
        "memcached-10:11211");
    assertThat(NaturalOrder.less("x9", "x10")).isTrue();
    assertThat(NaturalOrder.less("x10", "x9")).isFalse();
    assertThat(NaturalOrder.less("ab", "abc")).isTrue();
  }
}
