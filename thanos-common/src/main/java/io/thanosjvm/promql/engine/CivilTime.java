package io.thanosjvm.promql.engine;

import io.thanosjvm.promql.ast.Function;

/**
 * UTC calendar fields of a Unix time in seconds, over the whole {@code long} range (java.time rejects
 * the extremes that NaN or huge sample values produce).
 */
final class CivilTime {

  private CivilTime() {}

  static double field(Function f, long epochSeconds) {
    long days = Math.floorDiv(epochSeconds, 86_400L);
    long secOfDay = Math.floorMod(epochSeconds, 86_400L);
    // Howard Hinnant's civil_from_days, in long arithmetic.
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return switch (f) {
      case YEAR -> year;
      case MONTH -> month;
      case DAY_OF_MONTH -> day;
      case DAY_OF_WEEK -> Math.floorMod(days + 4, 7);
      case DAY_OF_YEAR -> {
        int[] cumulative = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
        yield cumulative[(int) month - 1] + day + (leap && month > 2 ? 1 : 0);
      }
      case DAYS_IN_MONTH -> {
        int[] lengths = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        yield lengths[(int) month - 1] + (leap && month == 2 ? 1 : 0);
      }
      case HOUR -> secOfDay / 3600;
      case MINUTE -> (secOfDay % 3600) / 60;
      default -> throw new IllegalArgumentException("not a calendar function: " + f);
    };
  }
}
