package io.thanosjvm.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Byte-level mutations in the style of coverage-less mutational fuzzers: bit flips, interesting values, inserted,
 * deleted, duplicated and spliced ranges, truncation, big varints, and tokens from a dictionary (keywords of the
 * format under test). Deterministic for a given random source.
 */
public final class Mutator {

  private static final byte[] INTERESTING = {0, 1, (byte) 0x7F, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, 0x10, 0x40};

  private final List<byte[]> dictionary;

  /** A mutator inserting and overwriting with {@code dictionary} tokens besides its byte-level moves. */
  public Mutator(List<byte[]> dictionary) {
    this.dictionary = List.copyOf(dictionary);
  }

  /** Applies one to four random mutations to a copy of {@code input}; {@code other} is a splice partner. */
  public byte[] mutate(byte[] input, byte[] other, SplittableRandom random) {
    byte[] out = input.clone();
    int rounds = 1 + random.nextInt(4);
    for (int i = 0; i < rounds; i++) {
      out = once(out, other, random);
    }
    return out;
  }

  private byte[] once(byte[] in, byte[] other, SplittableRandom r) {
    int kind = r.nextInt(dictionary.isEmpty() ? 10 : 12);
    if (in.length == 0 && kind < 9) {
      return insert(in, 0, randomBytes(r, 1 + r.nextInt(8)));
    }
    switch (kind) {
      case 0: { // flip one bit
        byte[] out = in.clone();
        int p = r.nextInt(out.length);
        out[p] ^= (byte) (1 << r.nextInt(8));
        return out;
      }
      case 1: { // a random byte
        byte[] out = in.clone();
        out[r.nextInt(out.length)] = (byte) r.nextInt(256);
        return out;
      }
      case 2: { // an interesting byte
        byte[] out = in.clone();
        out[r.nextInt(out.length)] = INTERESTING[r.nextInt(INTERESTING.length)];
        return out;
      }
      case 3: // delete a range
        return delete(in, r.nextInt(in.length), 1 + r.nextInt(Math.min(in.length, 16)));
      case 4: // insert random bytes
        return insert(in, r.nextInt(in.length + 1), randomBytes(r, 1 + r.nextInt(8)));
      case 5: { // duplicate a range in place
        int from = r.nextInt(in.length);
        int len = 1 + r.nextInt(Math.min(in.length - from, 32));
        byte[] piece = java.util.Arrays.copyOfRange(in, from, from + len);
        return insert(in, r.nextInt(in.length + 1), piece);
      }
      case 6: // truncate
        return java.util.Arrays.copyOf(in, r.nextInt(in.length));
      case 7: { // overwrite with a big varint (length and count fields)
        byte[] out = in.clone();
        byte[] big = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x0F};
        int p = r.nextInt(out.length);
        for (int i = 0; i < big.length && p + i < out.length; i++) {
          out[p + i] = big[i];
        }
        return out;
      }
      case 8: { // overwrite 4 bytes with a big-endian extreme
        byte[] out = in.clone();
        int p = r.nextInt(out.length);
        int v = r.nextBoolean() ? Integer.MAX_VALUE : (r.nextBoolean() ? -1 : 0);
        for (int i = 0; i < 4 && p + i < out.length; i++) {
          out[p + i] = (byte) (v >>> (24 - 8 * i));
        }
        return out;
      }
      case 9: { // splice: a prefix of this input with a suffix of the other
        if (other.length == 0) {
          return in;
        }
        int a = r.nextInt(in.length + 1);
        int b = r.nextInt(other.length);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(in, 0, a);
        o.write(other, b, other.length - b);
        return o.toByteArray();
      }
      case 10: // insert a token
        return insert(in, r.nextInt(in.length + 1), dictionary.get(r.nextInt(dictionary.size())));
      default: { // replace a range with a token
        byte[] token = dictionary.get(r.nextInt(dictionary.size()));
        if (in.length == 0) {
          return token.clone();
        }
        int from = r.nextInt(in.length);
        int len = Math.min(in.length - from, 1 + r.nextInt(8));
        return insert(delete(in, from, len), from, token);
      }
    }
  }

  private static byte[] randomBytes(SplittableRandom r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(256);
    }
    return b;
  }

  private static byte[] insert(byte[] in, int at, byte[] piece) {
    byte[] out = new byte[in.length + piece.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(in, at, out, at + piece.length, in.length - at);
    return out;
  }

  private static byte[] delete(byte[] in, int from, int len) {
    int n = Math.min(len, in.length - from);
    byte[] out = new byte[in.length - n];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(in, from + n, out, from, in.length - from - n);
    return out;
  }
}
