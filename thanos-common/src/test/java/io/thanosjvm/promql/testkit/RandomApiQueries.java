package io.thanosjvm.promql.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The queries of the random differential: for each expression of {@link RandomPromql} an instant query
 * ({@code /api/v1/query}) at a random time of the data span and a range query ({@code /api/v1/query_range}) over a
 * random span starting up to ten minutes before the data and a step of 15 s, 30 s, 60 s, 137 s or 300 s, as paths
 * with their query strings, the same for the same seed. Shared by the query app's differential test and the bench's
 * harness, so both ask exactly the same.
 */
public final class RandomApiQueries {

  private static final long[] STEPS = {15, 30, 60, 137, 300};

  private RandomApiQueries() {}

  /** {@code 2 × count} paths: instant then range for each expression. */
  public static List<String> of(long seed, int count, PromDataSet data) {
    RandomPromql gen = new RandomPromql(seed, data);
    int span = Math.toIntExact(data.endSeconds() - data.startSeconds());
    List<String> out = new ArrayList<>(2 * count);
    for (int i = 0; i < count; i++) {
      String e = URLEncoder.encode(gen.next(), StandardCharsets.UTF_8);
      long time = data.startSeconds() + gen.nextInt(span + 1);
      out.add("/api/v1/query?query=" + e + "&time=" + time);
      long step = STEPS[gen.nextInt(STEPS.length)];
      long start = data.startSeconds() - 600 + gen.nextInt(span);
      long end = Math.min(start + step * (1 + gen.nextInt(200)), data.endSeconds() + 600);
      out.add("/api/v1/query_range?query=" + e + "&start=" + start + "&end=" + end + "&step=" + step);
    }
    return out;
  }
}
