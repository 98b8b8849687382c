package io.thanosjvm.promql.ast;

import java.math.BigInteger;

/**
 * The shortest decimal {@code digits × 10^exponent} that parses back to a given finite, non-zero double, and of
 * those the closest to it: the digits Go's {@code strconv.FormatFloat(v, 'f'|'g', -1, 64)} prints. Computed with
 * the Ryu algorithm (Ulf Adams, PLDI 2018) in 64/128-bit integer arithmetic, without allocation; the tables of
 * 125-bit powers of five are built once with {@link BigInteger}.
 */
final class ShortestDecimal {

  private static final int POW5_BITS = 125;
  private static final int POW5_INV_BITS = 125;
  /** Largest q for positive binary exponents: log10(2^969) - 1 = 290. */
  private static final int INV_TABLE_SIZE = 292;
  /** Largest i for negative binary exponents: 1076 - 751 = 325. */
  private static final int POW_TABLE_SIZE = 326;
  private static final long[] POW5_HI = new long[POW_TABLE_SIZE];
  private static final long[] POW5_LO = new long[POW_TABLE_SIZE];
  private static final long[] POW5_INV_HI = new long[INV_TABLE_SIZE];
  private static final long[] POW5_INV_LO = new long[INV_TABLE_SIZE];

  static {
    BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    for (int i = 0; i < Math.max(POW_TABLE_SIZE, INV_TABLE_SIZE); i++) {
      BigInteger pow = BigInteger.valueOf(5).pow(i);
      int len = pow.bitLength();
      if (len != pow5Bits(i)) {
        throw new ExceptionInInitializerError("pow5Bits(" + i + ") is not the bit length of 5^" + i);
      }
      if (i < POW_TABLE_SIZE) {
        BigInteger top = len >= POW5_BITS ? pow.shiftRight(len - POW5_BITS) : pow.shiftLeft(POW5_BITS - len);
        POW5_HI[i] = top.shiftRight(64).longValue();
        POW5_LO[i] = top.and(mask).longValue();
      }
      if (i < INV_TABLE_SIZE) {
        BigInteger inv = BigInteger.ONE.shiftLeft(len - 1 + POW5_INV_BITS).divide(pow).add(BigInteger.ONE);
        POW5_INV_HI[i] = inv.shiftRight(64).longValue();
        POW5_INV_LO[i] = inv.and(mask).longValue();
      }
    }
  }

  private ShortestDecimal() {}

  /**
   * Digits and exponent of {@code |v|}'s shortest round-trip decimal, without trailing zeros, packed as
   * {@code digits} in the returned value and the exponent in {@code exponentOut[0]}.
   *
   * @param v a finite, non-zero double (the sign is ignored)
   * @param exponentOut receives the power-of-ten exponent
   * @return the decimal digits as an integer (at most 17 digits)
   */
  static long digits(double v, int[] exponentOut) {
    long bits = Double.doubleToRawLongBits(v);
    int ieeeExponent = (int) ((bits >>> 52) & 0x7ff);
    long ieeeMantissa = bits & ((1L << 52) - 1);
    if (ieeeExponent == 0x7ff || (ieeeExponent == 0 && ieeeMantissa == 0)) {
      throw new IllegalArgumentException("not a finite, non-zero double: " + v);
    }
    int e2;
    long m2;
    if (ieeeExponent == 0) {
      e2 = 1 - 1023 - 52 - 2;
      m2 = ieeeMantissa;
    } else {
      e2 = ieeeExponent - 1023 - 52 - 2;
      m2 = ieeeMantissa | (1L << 52);
    }
    boolean acceptBounds = (m2 & 1) == 0;
    long mv = 4 * m2;
    int mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1 : 0;
    long vr;
    long vp;
    long vm;
    int e10;
    boolean vmIsTrailingZeros = false;
    boolean vrIsTrailingZeros = false;
    if (e2 >= 0) {
      int q = log10Pow2(e2) - (e2 > 3 ? 1 : 0);
      e10 = q;
      int k = POW5_INV_BITS + pow5Bits(q) - 1;
      int i = -e2 + q + k;
      vr = mulShift(mv, POW5_INV_HI[q], POW5_INV_LO[q], i);
      vp = mulShift(mv + 2, POW5_INV_HI[q], POW5_INV_LO[q], i);
      vm = mulShift(mv - 1 - mmShift, POW5_INV_HI[q], POW5_INV_LO[q], i);
      if (q <= 21) {
        if (mv % 5 == 0) {
          vrIsTrailingZeros = multipleOfPowerOf5(mv, q);
        } else if (acceptBounds) {
          vmIsTrailingZeros = multipleOfPowerOf5(mv - 1 - mmShift, q);
        } else if (multipleOfPowerOf5(mv + 2, q)) {
          vp--;
        }
      }
    } else {
      int q = log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
      e10 = q + e2;
      int i = -e2 - q;
      int k = pow5Bits(i) - POW5_BITS;
      int j = q - k;
      vr = mulShift(mv, POW5_HI[i], POW5_LO[i], j);
      vp = mulShift(mv + 2, POW5_HI[i], POW5_LO[i], j);
      vm = mulShift(mv - 1 - mmShift, POW5_HI[i], POW5_LO[i], j);
      if (q <= 1) {
        vrIsTrailingZeros = true;
        if (acceptBounds) {
          vmIsTrailingZeros = mmShift == 1;
        } else {
          vp--;
        }
      } else if (q < 63) {
        vrIsTrailingZeros = (mv & ((1L << q) - 1)) == 0;
      }
    }
    int removed = 0;
    int lastRemovedDigit = 0;
    long output;
    if (vmIsTrailingZeros || vrIsTrailingZeros) {
      while (vp / 10 > vm / 10) {
        vmIsTrailingZeros &= vm % 10 == 0;
        vrIsTrailingZeros &= lastRemovedDigit == 0;
        lastRemovedDigit = (int) (vr % 10);
        vr /= 10;
        vp /= 10;
        vm /= 10;
        removed++;
      }
      if (vmIsTrailingZeros) {
        while (vm % 10 == 0) {
          vrIsTrailingZeros &= lastRemovedDigit == 0;
          lastRemovedDigit = (int) (vr % 10);
          vr /= 10;
          vp /= 10;
          vm /= 10;
          removed++;
        }
      }
      if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) {
        lastRemovedDigit = 4; // exactly halfway: round to even
      }
      boolean up = (vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5;
      output = vr + (up ? 1 : 0);
    } else {
      boolean roundUp = false;
      while (vp / 10 > vm / 10) {
        roundUp = vr % 10 >= 5;
        vr /= 10;
        vp /= 10;
        vm /= 10;
        removed++;
      }
      output = vr + (vr == vm || roundUp ? 1 : 0);
    }
    int exponent = e10 + removed;
    while (output % 10 == 0) {
      output /= 10;
      exponent++;
    }
    exponentOut[0] = exponent;
    return output;
  }

  /** {@code floor((m × mul) / 2^j)} for a 125/126-bit {@code mul = hi:lo} and {@code 64 < j < 128}. */
  private static long mulShift(long m, long hi, long lo, int j) {
    long high0 = Math.multiplyHigh(m, lo) + ((lo >> 63) & m); // unsigned high word of m × lo (m >= 0)
    long low1 = m * hi;
    long high1 = Math.multiplyHigh(m, hi);
    long sum = high0 + low1;
    if (Long.compareUnsigned(sum, high0) < 0) {
      high1++;
    }
    int shift = j - 64;
    return (high1 << (64 - shift)) | (sum >>> shift);
  }

  private static boolean multipleOfPowerOf5(long value, int p) {
    int count = 0;
    long v = value;
    while (v > 0 && v % 5 == 0 && count < p) {
      v /= 5;
      count++;
    }
    return count >= p;
  }

  /** The bit length of 5^e, for 0 <= e <= 3528. */
  static int pow5Bits(int e) {
    return (int) ((e * 1217359L) >>> 19) + 1;
  }

  /** floor(log10(2^e)) for 0 <= e <= 1650. */
  private static int log10Pow2(int e) {
    return (int) ((e * 78913L) >>> 18);
  }

  /** floor(log10(5^e)) for 0 <= e <= 2620. */
  private static int log10Pow5(int e) {
    return (int) ((e * 732923L) >>> 20);
  }
}
