package io.thanosjvm.tools.bucket;

/** Go's {@code time.Duration.String()} for millisecond durations ({@code 2h0m0s}, {@code 1.5s}, {@code 0s}). */
final class GoDuration {

  private GoDuration() {}

  /** Formats {@code ms} milliseconds as Go does. */
  static String format(long ms) {
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    long abs = Math.abs(ms);
    if (ms < 0) {
      sb.append('-');
    }
    if (abs < 1000) {
      return sb.append(abs).append("ms").toString();
    }
    long h = abs / 3_600_000;
    long m = abs / 60_000 % 60;
    long s = abs / 1000 % 60;
    long frac = abs % 1000;
    if (h > 0) {
      sb.append(h).append('h');
    }
    if (h > 0 || m > 0) {
      sb.append(m).append('m');
    }
    sb.append(s);
    if (frac != 0) {
      String f = String.format(".%03d", frac);
      sb.append(f.replaceAll("0+$", ""));
    }
    return sb.append('s').toString();
  }
}
