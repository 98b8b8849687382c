package io.thanosjvm.store.testkit;

import static io.thanosjvm.store.testkit.StoreApiAcceptanceData.HOUR;
import static io.thanosjvm.store.testkit.StoreApiAcceptanceData.MINUTE;
import static io.thanosjvm.store.testkit.StoreApiAcceptanceData.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.store.testkit.StoreApiAcceptanceCalls.ReceivedChunk;
import io.thanosjvm.store.testkit.StoreApiAcceptanceCalls.ReceivedSeries;
import io.thanosjvm.store.testkit.StoreApiAcceptanceCalls.SeriesAnswer;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.labelpb.ZLabelSet;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import io.thanosjvm.wire.storepb.SeriesRequest;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The StoreAPI acceptance suite every {@code thanos.Store} implementation extends (Thanos runs one such suite
 * against all its stores). A subclass chooses a base time, loads the {@link Dataset} into the implementation with
 * the given external labels in {@link #start} and returns a channel to it; every test here then calls the store
 * over gRPC and compares the answer with one computed from the dataset in Java.
 *
 * <p>What is checked: Series with every matcher kind (including regexes matching the empty string and labels
 * absent on some series), several matchers, time ranges cutting chunks and the dataset's edges (every sample in
 * range decoded from the XOR chunks; chunks may reach beyond the range), skip_chunks, sort order, external labels
 * attached and decided as matchers, without_replica_labels, limit, empty answers, invalid requests, the label
 * APIs (matchers, time ranges, external labels, without_replica_labels, limit) and Info.
 *
 * <p>Opt-outs are few and each mirrors something Thanos accepts from its own stores: see {@link Capabilities}.
 *
 * <pre>{@code
 * class MyStoreAcceptanceTest extends StoreApiAcceptanceKit {
 *   protected long baseTime() { return 1_718_841_600_000L; } // 2h-aligned: three block windows
 *   protected StoreUnderTest start(Dataset data, Labels ext) throws Exception {
 *     StoreApiAcceptanceBlocks.write(data, bucketDir, ext);    // for block-serving stores
 *     Server server = ...;                                      // thanos.Store (+ thanos.info.Info)
 *     ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
 *     return StoreUnderTest.of(ch, ch::shutdownNow, server::shutdownNow);
 *   }
 * }
 * }</pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreApiAcceptanceKit {

  /** The external label name the suite treats as the replica label. */
  protected static final String REPLICA = "replica";

  /**
   * One series of the dataset: labels and float samples with strictly increasing timestamps.
   *
   * @param labels the series' own labels (never an external label name)
   * @param timestamps sample times in ms, strictly increasing
   * @param values sample values, parallel to {@code timestamps}
   */
  public record DatasetSeries(Labels labels, long[] timestamps, double[] values) {

    /** Validates the series. */
    public DatasetSeries {
      Objects.requireNonNull(labels, "labels");
      if (timestamps.length == 0 || timestamps.length != values.length) {
        throw new IllegalArgumentException(labels + ": need as many values as timestamps, at least one");
      }
      for (int i = 1; i < timestamps.length; i++) {
        if (timestamps[i] <= timestamps[i - 1]) {
          throw new IllegalArgumentException(labels + ": timestamps not strictly increasing at " + i);
        }
      }
    }

    /** First sample time. */
    public long minTime() {
      return timestamps[0];
    }

    /** Last sample time. */
    public long maxTime() {
      return timestamps[timestamps.length - 1];
    }

    /** How many samples lie in [mint, maxt]. */
    public int countIn(long mint, long maxt) {
      int n = 0;
      for (long t : timestamps) {
        if (t >= mint && t <= maxt) {
          n++;
        }
      }
      return n;
    }
  }

  /**
   * The fixed acceptance dataset: ~30 hand-written series over five hours from {@code baseTime}.
   *
   * @param baseTime the time of the first sample (ms); choose it 2h-aligned to get three block windows
   * @param series the series, the first one holding the oldest sample
   */
  public record Dataset(long baseTime, List<DatasetSeries> series) {

    /** The span of the data from the base time: five hours. */
    public static final long SPAN_MS = StoreApiAcceptanceData.SPAN;

    /** Copies the series list. */
    public Dataset {
      series = List.copyOf(series);
    }

    /** The standard dataset starting at {@code baseTime}. */
    public static Dataset standard(long baseTime) {
      return new Dataset(baseTime, StoreApiAcceptanceData.standard(baseTime));
    }

    /** The oldest sample time. */
    public long minTime() {
      return series.stream().mapToLong(DatasetSeries::minTime).min().orElseThrow();
    }

    /** The newest sample time. */
    public long maxTime() {
      return series.stream().mapToLong(DatasetSeries::maxTime).max().orElseThrow();
    }
  }

  /** The running implementation: a channel serving {@code thanos.Store} (and {@code thanos.info.Info}). */
  public interface StoreUnderTest extends Closeable {

    /** The channel to call. */
    Channel channel();

    /** A target over {@code channel}; closing it closes {@code resources} in order. */
    static StoreUnderTest of(Channel channel, Closeable... resources) {
      return new StoreUnderTest() {
        @Override
        public Channel channel() {
          return channel;
        }

        @Override
        public void close() throws IOException {
          IOException first = null;
          for (Closeable c : resources) {
            try {
              c.close();
            } catch (IOException e) {
              first = first == null ? e : first;
            }
          }
          if (first != null) {
            throw first;
          }
        }
      };
    }
  }

  /**
   * What an implementation legitimately cannot do.
   *
   * @param exactLabelTimeRanges whether LabelNames/LabelValues honour start/end exactly; false for stores whose
   *     label index is per block (Prometheus' label API, Thanos' sidecar): then the answer must lie between the
   *     exact one and the all-time one
   * @param servesInfo whether the target serves {@code thanos.info.Info}
   * @param withoutReplicaLabels whether the store advertises {@code supports_without_replica_labels}; a querier
   *     removes replica labels itself for stores that do not
   */
  public record Capabilities(boolean exactLabelTimeRanges, boolean servesInfo, boolean withoutReplicaLabels) {

    /** Everything supported. */
    public static final Capabilities ALL = new Capabilities(true, true, true);

    /** The same with label time ranges approximated per block. */
    public Capabilities withBlockGranularLabelTimeRanges() {
      return new Capabilities(false, servesInfo, withoutReplicaLabels);
    }

    /** The same without an Info service. */
    public Capabilities withoutInfo() {
      return new Capabilities(exactLabelTimeRanges, false, withoutReplicaLabels);
    }
  }

  private Dataset data;
  private Labels external;
  private StoreUnderTest target;
  private StoreApiAcceptanceCalls calls;
  private StoreApiAcceptanceOracle oracle;

  /**
   * Starts the implementation holding {@code data} with {@code externalLabels}.
   *
   * @return the running target, closed after the suite
   */
  protected abstract StoreUnderTest start(Dataset data, Labels externalLabels) throws Exception;

  /** The dataset's base time (ms); e.g. a few hours ago for stores fed by remote write. */
  protected abstract long baseTime();

  /** The external labels; by default {@code region="eu-west", replica="r1"}. */
  protected Labels externalLabels() {
    return Labels.of("region", "eu-west", REPLICA, "r1");
  }

  /** What the implementation supports; by default everything. */
  protected Capabilities capabilities() {
    return Capabilities.ALL;
  }

  @BeforeAll
  final void startStoreUnderTest() throws Exception {
    data = Dataset.standard(baseTime());
    external = externalLabels();
    assertThat(external.has(REPLICA)).as("external labels must include %s", REPLICA).isTrue();
    for (DatasetSeries s : data.series()) {
      external.forEach(l -> assertThat(s.labels().has(l.name())).as("dataset uses external label %s", l.name())
          .isFalse());
    }
    target = start(data, external);
    calls = new StoreApiAcceptanceCalls(target.channel());
    oracle = new StoreApiAcceptanceOracle(data, external);
  }

  @AfterAll
  final void stopStoreUnderTest() throws IOException {
    if (target != null) {
      target.close();
    }
  }

  /** The dataset being served. */
  protected final Dataset dataset() {
    return data;
  }

  // ---------------------------------------------------------------- Series: matchers, order, samples

  Stream<Arguments> matcherCases() {
    return Stream.of(
        matcherCase("metric name equal", Matcher.equal("__name__", "up")),
        matcherCase("not equal", Matcher.equal("__name__", "up"), Matcher.notEqual("job", "api")),
        matcherCase("regex on name and label", Matcher.regex("__name__", "http_.*"), Matcher.regex("code", "5..")),
        matcherCase("literal alternation", Matcher.regex("__name__", "up|old_series|late_series")),
        matcherCase("not regex", Matcher.notRegex("__name__", "http_requests_total|regex_special|up"),
            Matcher.regex("job", ".+")),
        matcherCase("several matchers", Matcher.equal("__name__", "http_requests_total"), Matcher.equal("job", "api"),
            Matcher.notEqual("code", "500"), Matcher.regex("handler", "/api/v1/.*")),
        matcherCase("equal empty selects series without the label", Matcher.equal("__name__", "up"),
            Matcher.equal("env", "")),
        matcherCase("not equal empty selects series with the label", Matcher.equal("__name__", "up"),
            Matcher.notEqual("env", "")),
        matcherCase("regex matching only empty", Matcher.equal("__name__", "up"), Matcher.regex("env", "")),
        matcherCase("regex matching empty or a value", Matcher.equal("__name__", "up"), Matcher.regex("env", "|prod")),
        matcherCase("regex matching anything incl. empty", Matcher.equal("__name__", "up"), Matcher.regex("env", ".*")),
        matcherCase("not regex keeps series without the label", Matcher.equal("__name__", "up"),
            Matcher.notRegex("env", "prod")),
        matcherCase("not regex non-empty", Matcher.equal("__name__", "up"), Matcher.notRegex("env", ".+")),
        matcherCase("label absent everywhere, equal empty", Matcher.equal("__name__", "up"),
            Matcher.equal("nonexistent", "")),
        matcherCase("label absent everywhere, not equal empty", Matcher.equal("__name__", "up"),
            Matcher.notEqual("nonexistent", "")),
        matcherCase("label absent everywhere, regex non-empty", Matcher.equal("__name__", "up"),
            Matcher.regex("nonexistent", ".+")),
        matcherCase("equal with regex-special characters", Matcher.equal("pattern", "a.b")),
        matcherCase("escaped regex", Matcher.regex("pattern", "a\\.b")),
        matcherCase("dot in regex matches any character", Matcher.regex("pattern", "a.b")),
        matcherCase("regex of alternation characters", Matcher.regex("pattern", "\\(x\\|y\\)")),
        matcherCase("regex of a backslash", Matcher.regex("pattern", ".*\\\\.*")),
        matcherCase("regex of brackets and braces", Matcher.regex("pattern", "\\[abc\\]|\\{braces\\}")),
        matcherCase("equal with a quote", Matcher.equal("pattern", "quote\"d")),
        matcherCase("equal with a newline", Matcher.equal("pattern", "new\nline")),
        matcherCase("regex across a newline", Matcher.regex("pattern", "new.line")),
        matcherCase("not equal with special characters", Matcher.equal("__name__", "regex_special"),
            Matcher.notEqual("pattern", "^anchored$")),
        matcherCase("case-insensitive regex", Matcher.regex("pattern", "(?i)A\\.B")),
        matcherCase("unicode equal", Matcher.equal("city", "東京")),
        matcherCase("unicode regex, one character for one code point", Matcher.regex("city", "Z.rich|S.o Paulo")),
        matcherCase("unicode regex with a supplementary character", Matcher.regex("city", ".*😀.*")),
        matcherCase("upper-case label name", Matcher.equal("Zone", "europe")),
        matcherCase("label sets that are prefixes of each other", Matcher.equal("__name__", "sort_probe")),
        matcherCase("special float values", Matcher.equal("__name__", "special_values")),
        matcherCase("unknown metric", Matcher.equal("__name__", "no_such_metric")),
        matcherCase("contradicting matchers", Matcher.equal("__name__", "up"), Matcher.equal("__name__", "down")));
  }

  private static Arguments matcherCase(String name, Matcher... matchers) {
    return Arguments.of(name, List.of(matchers));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matcherCases")
  void seriesHonourEveryMatcherKind(String name, List<Matcher> matchers) {
    SeriesAnswer got = calls.series(request(matchers, Long.MIN_VALUE, Long.MAX_VALUE).build());
    List<DatasetSeries> want = oracle.matchingAnyTime(matchers);
    assertThat(got.labels()).as("%s: series for %s", name, matchers)
        .containsExactlyElementsOf(oracle.expectedLabels(want, List.of()));
    assertThat(got.warnings()).isEmpty();
    for (ReceivedSeries s : got.series()) {
      assertSamplesInRange(s, oracle.byLabels(s.labels(), List.of()), Long.MIN_VALUE, Long.MAX_VALUE);
    }
  }

  @Test
  void allSeriesComeOnceSortedByLabelsWithExternalLabelsAttached() {
    SeriesAnswer got = calls.series(request(List.of(Matcher.regex("__name__", ".+")), Long.MIN_VALUE,
        Long.MAX_VALUE).build());
    List<Labels> want = oracle.expectedLabels(data.series(), List.of());
    assertThat(got.labels()).containsExactlyElementsOf(want);
    for (Labels l : got.labels()) {
      external.forEach(e -> assertThat(l.get(e.name())).as("external label %s on %s", e.name(), l)
          .isEqualTo(e.value()));
    }
  }

  @Test
  void chunksDecodeToEverySampleOfTheDatasetInOrder() {
    SeriesAnswer got = calls.series(request(List.of(Matcher.regex("__name__", ".+")), data.minTime(),
        data.maxTime()).build());
    assertThat(got.series()).hasSize(data.series().size());
    for (ReceivedSeries s : got.series()) {
      DatasetSeries want = oracle.byLabels(s.labels(), List.of());
      assertThat(want).as("unexpected series %s", s.labels()).isNotNull();
      assertSamplesInRange(s, want, Long.MIN_VALUE, Long.MAX_VALUE);
      long last = Long.MIN_VALUE;
      for (ReceivedChunk c : s.chunks()) {
        assertThat(c.timestamps()).as("%s: empty chunk", s.labels()).isNotEmpty();
        assertThat(c.minTime()).as("%s: chunk min_time is its first sample", s.labels())
            .isEqualTo(c.timestamps()[0]);
        assertThat(c.maxTime()).as("%s: chunk max_time is its last sample", s.labels())
            .isEqualTo(c.timestamps()[c.timestamps().length - 1]);
        assertThat(c.minTime()).as("%s: chunks sorted by time, not overlapping", s.labels()).isGreaterThan(last);
        last = c.maxTime();
      }
    }
  }

  Stream<Arguments> timeRanges() {
    long b = baseTime();
    long min = b;
    long max = b + StoreApiAcceptanceData.SPAN;
    return Stream.of(
        Arguments.of("inside one window, cutting chunks", b + HOUR + 7 * SECOND, b + HOUR + 41 * MINUTE + 13 * SECOND),
        Arguments.of("across the first 2h edge", b + HOUR + 50 * MINUTE + 1, b + 2 * HOUR + 10 * MINUTE - 1),
        Arguments.of("ending exactly at the 2h edge", b + HOUR + 59 * MINUTE, b + 2 * HOUR),
        Arguments.of("starting exactly at the 2h edge", b + 2 * HOUR, b + 2 * HOUR + 30 * SECOND),
        Arguments.of("one millisecond before the 2h edge", b + 2 * HOUR - 1, b + 2 * HOUR - 1),
        Arguments.of("across two block edges", b + HOUR + 59 * MINUTE, b + 4 * HOUR + MINUTE),
        Arguments.of("inside the gap of a series", b + 90 * MINUTE, b + 150 * MINUTE),
        Arguments.of("the first sample only", min, min),
        Arguments.of("the last sample only", max, max),
        Arguments.of("ending at the first sample", min - HOUR, min),
        Arguments.of("starting at the last sample", max, max + HOUR),
        Arguments.of("one millisecond around the first sample", min - 1, min + 1),
        Arguments.of("the whole dataset exactly", min, max));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timeRanges")
  void timeRangesReturnEverySampleInRange(String name, long mint, long maxt) {
    List<Matcher> all = List.of(Matcher.regex("__name__", ".+"));
    SeriesAnswer got = calls.series(request(all, mint, maxt).build());
    List<Labels> want = oracle.expectedLabels(oracle.matching(all, mint, maxt), List.of());
    assertThat(got.labels()).as("sorted").isSortedAccordingTo(Labels::compareTo);
    assertThat(got.labels()).as("%s: every series with samples in range", name).containsAll(want);
    for (ReceivedSeries s : got.series()) {
      DatasetSeries ds = oracle.byLabels(s.labels(), List.of());
      assertThat(ds).as("unexpected series %s", s.labels()).isNotNull();
      assertSamplesInRange(s, ds, mint, maxt);
      assertThat(s.chunks()).as("%s: only chunks overlapping [%d, %d]", s.labels(), mint, maxt)
          .allSatisfy(c -> assertThat(c.minTime() <= maxt && c.maxTime() >= mint).isTrue());
      if (!want.contains(s.labels())) {
        // allowed: a chunk spanning the range without a sample in it (Thanos' querier trims)
        assertThat(s.chunks()).as("%s has no sample in range: it may only come with chunks spanning it",
            s.labels()).isNotEmpty();
      }
    }
  }

  @Test
  void rangesBeforeAndAfterTheDataAreEmpty() {
    List<Matcher> all = List.of(Matcher.regex("__name__", ".+"));
    assertThat(calls.series(request(all, data.minTime() - 3 * HOUR, data.minTime() - 1).build()).series())
        .isEmpty();
    assertThat(calls.series(request(all, data.maxTime() + 1, data.maxTime() + 3 * HOUR).build()).series())
        .isEmpty();
  }

  @Test
  void skipChunksReturnsSortedLabelsWithoutChunks() {
    List<Matcher> all = List.of(Matcher.regex("__name__", ".+"));
    SeriesAnswer got = calls.series(request(all, Long.MIN_VALUE, Long.MAX_VALUE).setSkipChunks(true).build());
    assertThat(got.labels()).containsExactlyElementsOf(oracle.expectedLabels(data.series(), List.of()));
    assertThat(got.series()).allSatisfy(s -> assertThat(s.chunks()).isEmpty());
  }

  @Test
  void skipChunksHonoursTheTimeRangeOfSeries() {
    long mint = baseTime() + 4 * HOUR;
    long maxt = baseTime() + 5 * HOUR;
    List<Matcher> m = List.of(Matcher.regex("__name__", "old_series|late_series|up"));
    SeriesAnswer got = calls.series(request(m, mint, maxt).setSkipChunks(true).build());
    assertThat(got.labels()).isSortedAccordingTo(Labels::compareTo)
        .containsExactlyElementsOf(oracle.expectedLabels(oracle.matching(m, mint, maxt), List.of()));
    assertThat(got.labels()).extracting(Labels::metricName).doesNotContain("old_series").contains("late_series");
  }

  @Test
  void batchedResponsesCarryTheSameSeries() {
    List<Matcher> all = List.of(Matcher.regex("__name__", ".+"));
    SeriesAnswer plain = calls.series(request(all, Long.MIN_VALUE, Long.MAX_VALUE).build());
    SeriesAnswer batched = calls.series(request(all, Long.MIN_VALUE, Long.MAX_VALUE).setResponseBatchSize(7).build());
    assertThat(batched.labels()).as("a store may batch or ignore response_batch_size")
        .containsExactlyElementsOf(plain.labels());
    for (ReceivedSeries s : batched.series()) {
      assertSamplesInRange(s, oracle.byLabels(s.labels(), List.of()), Long.MIN_VALUE, Long.MAX_VALUE);
    }
  }

  // ---------------------------------------------------------------- external labels, replica labels, limit

  @Test
  void externalLabelMatchersThatMatchAreServedWithoutThem() {
    List<Labels> plain = calls.series(request(List.of(Matcher.equal("__name__", "up")), Long.MIN_VALUE,
        Long.MAX_VALUE).build()).labels();
    assertThat(plain).isNotEmpty();
    for (Matcher ext : List.of(Matcher.equal("region", "eu-west"), Matcher.regex("region", "eu-.*"),
        Matcher.notEqual(REPLICA, "r2"), Matcher.notRegex(REPLICA, "r[2-9]"))) {
      assertThat(calls.series(request(List.of(Matcher.equal("__name__", "up"), ext), Long.MIN_VALUE,
          Long.MAX_VALUE).build()).labels()).as("with %s", ext).isEqualTo(plain);
    }
  }

  @Test
  void externalLabelMatchersThatContradictGiveNoSeries() {
    for (Matcher ext : List.of(Matcher.equal("region", "us-east"), Matcher.notEqual("region", "eu-west"),
        Matcher.regex(REPLICA, "r[2-9]"), Matcher.equal("region", ""))) {
      SeriesAnswer got = calls.series(request(List.of(Matcher.equal("__name__", "up"), ext), Long.MIN_VALUE,
          Long.MAX_VALUE).build());
      assertThat(got.series()).as("with %s", ext).isEmpty();
    }
  }

  @Test
  void withoutReplicaLabelsRemovesThemAndKeepsSortOrder() {
    assumeTrue(capabilities().withoutReplicaLabels(), "store does not support without_replica_labels");
    List<Matcher> all = List.of(Matcher.regex("__name__", ".+"));
    for (boolean skipChunks : new boolean[] {false, true}) {
      SeriesAnswer got = calls.series(request(all, Long.MIN_VALUE, Long.MAX_VALUE).setSkipChunks(skipChunks)
          .addWithoutReplicaLabels(REPLICA).build());
      assertThat(got.labels()).as("skip_chunks=%s", skipChunks)
          .containsExactlyElementsOf(oracle.expectedLabels(data.series(), List.of(REPLICA)));
      if (!skipChunks) {
        for (ReceivedSeries s : got.series()) {
          assertSamplesInRange(s, oracle.byLabels(s.labels(), List.of(REPLICA)), Long.MIN_VALUE, Long.MAX_VALUE);
        }
      }
    }
  }

  @Test
  void limitReturnsTheFirstSeriesInOrder() {
    List<Matcher> all = List.of(Matcher.regex("__name__", ".+"));
    List<Labels> want = oracle.expectedLabels(data.series(), List.of());
    for (boolean skipChunks : new boolean[] {false, true}) {
      for (int limit : new int[] {1, 5, want.size(), want.size() + 10}) {
        SeriesAnswer got = calls.series(request(all, Long.MIN_VALUE, Long.MAX_VALUE).setLimit(limit)
            .setSkipChunks(skipChunks).build());
        assertThat(got.labels()).as("limit %d, skip_chunks=%s", limit, skipChunks)
            .containsExactlyElementsOf(want.subList(0, Math.min(limit, want.size())));
      }
    }
  }

  // ---------------------------------------------------------------- invalid requests

  // Invalid requests ask for partial_response_strategy ABORT: a store ignores it, a querier used as a store must
  // then pass its stores' errors on instead of turning them into warnings.

  @Test
  void seriesWithoutMatchersIsInvalidArgument() {
    assertInvalidArgument(() -> calls.series(SeriesRequest.newBuilder().setMinTime(Long.MIN_VALUE)
        .setMaxTime(Long.MAX_VALUE).setPartialResponseStrategy(PartialResponseStrategy.ABORT).build()));
  }

  @Test
  void seriesWithAnInvalidRegexIsInvalidArgument() {
    assertInvalidArgument(() -> calls.series(SeriesRequest.newBuilder().setMinTime(Long.MIN_VALUE)
        .setMaxTime(Long.MAX_VALUE).setPartialResponseStrategy(PartialResponseStrategy.ABORT)
        .addMatchers(LabelMatcher.newBuilder().setType(LabelMatcher.Type.RE).setName("__name__").setValue("up("))
        .build()));
  }

  @Test
  void labelValuesWithoutALabelNameIsInvalidArgument() {
    assertInvalidArgument(() -> calls.labelValues(LabelValuesRequest.newBuilder().setStart(Long.MIN_VALUE)
        .setEnd(Long.MAX_VALUE).setPartialResponseStrategy(PartialResponseStrategy.ABORT).build()));
  }

  @Test
  void labelApisWithAnInvalidRegexAreInvalidArgument() {
    LabelMatcher bad = LabelMatcher.newBuilder().setType(LabelMatcher.Type.NRE).setName("job").setValue("[")
        .build();
    assertInvalidArgument(() -> calls.labelNames(LabelNamesRequest.newBuilder().setStart(Long.MIN_VALUE)
        .setEnd(Long.MAX_VALUE).setPartialResponseStrategy(PartialResponseStrategy.ABORT).addMatchers(bad).build()));
    assertInvalidArgument(() -> calls.labelValues(LabelValuesRequest.newBuilder().setLabel("job")
        .setStart(Long.MIN_VALUE).setEnd(Long.MAX_VALUE).setPartialResponseStrategy(PartialResponseStrategy.ABORT)
        .addMatchers(bad).build()));
  }

  // ---------------------------------------------------------------- LabelNames

  @Test
  void labelNamesOfAllSeriesIncludeExternalLabels() {
    assertThat(labelNames(List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of()))
        .containsExactlyElementsOf(oracle.labelNames(List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of()))
        .contains("region", REPLICA, "Zone", "env", "pattern");
  }

  @Test
  void labelNamesHonourMatchers() {
    for (List<Matcher> m : List.of(List.of(Matcher.equal("__name__", "up")),
        List.of(Matcher.equal("env", "prod")), List.of(Matcher.regex("city", ".*o.*")),
        List.of(Matcher.equal("__name__", "up"), Matcher.equal("env", "")),
        List.of(Matcher.equal("region", "eu-west"), Matcher.equal("__name__", "sort_probe")))) {
      assertThat(labelNames(m, Long.MIN_VALUE, Long.MAX_VALUE, List.of())).as("matchers %s", m)
          .containsExactlyElementsOf(oracle.labelNames(m, Long.MIN_VALUE, Long.MAX_VALUE, List.of()));
    }
  }

  @Test
  void labelNamesAreEmptyWhenNoSeriesMatches() {
    for (List<Matcher> m : List.of(List.of(Matcher.equal("__name__", "no_such_metric")),
        List.of(Matcher.equal("region", "us-east")), List.of(Matcher.equal("region", "us-east"),
            Matcher.equal("__name__", "up")))) {
      assertThat(labelNames(m, Long.MIN_VALUE, Long.MAX_VALUE, List.of())).as("matchers %s", m).isEmpty();
    }
    assertThat(labelNames(List.of(), data.minTime() - 5 * HOUR, data.minTime() - HOUR, List.of()))
        .as("before the data").isEmpty();
  }

  @Test
  void labelNamesHonourTheTimeRange() {
    long mint = baseTime() + 4 * HOUR;
    long maxt = baseTime() + 5 * HOUR;
    List<String> got = labelNames(List.of(), mint, maxt, List.of());
    List<String> exact = oracle.labelNames(List.of(), mint, maxt, List.of());
    assertBetween(got, exact, oracle.labelNames(List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of()));
  }

  @Test
  void labelNamesWithoutReplicaLabels() {
    assumeTrue(capabilities().withoutReplicaLabels(), "store does not support without_replica_labels");
    assertThat(labelNames(List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of(REPLICA)))
        .containsExactlyElementsOf(oracle.labelNames(List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of(REPLICA)))
        .doesNotContain(REPLICA);
  }

  @Test
  void labelNamesLimit() {
    List<String> all = oracle.labelNames(List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of());
    List<String> got = calls.labelNames(LabelNamesRequest.newBuilder().setStart(Long.MIN_VALUE)
        .setEnd(Long.MAX_VALUE).setLimit(3).build()).getNamesList();
    assertThat(got).hasSize(3).isSubsetOf(all).isSortedAccordingTo(io.thanosjvm.model.Utf8Order.COMPARATOR);
  }

  // ---------------------------------------------------------------- LabelValues

  @Test
  void labelValuesOfAllSeries() {
    for (String name : List.of("__name__", "job", "pattern", "city", "env", "Zone", "handler")) {
      assertThat(labelValues(name, List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of())).as("values of %s", name)
          .containsExactlyElementsOf(oracle.labelValues(name, List.of(), Long.MIN_VALUE, Long.MAX_VALUE,
              List.of()));
    }
    assertThat(labelValues("pattern", List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of()))
        .containsAll(StoreApiAcceptanceData.SPECIAL_PATTERNS);
    assertThat(labelValues("city", List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of()))
        .containsAll(StoreApiAcceptanceData.CITIES);
  }

  @Test
  void labelValuesHonourMatchers() {
    String[][] cases = {{"job", "__name__", "up"}, {"env", "job", "db"}, {"instance", "job", "cache"},
        {"__name__", "job", "batch"}, {"city", "Zone", "europe"}, {"code", "handler", "/api/v1/query"}};
    for (String[] c : cases) {
      List<Matcher> m = List.of(Matcher.equal(c[1], c[2]));
      assertThat(labelValues(c[0], m, Long.MIN_VALUE, Long.MAX_VALUE, List.of())).as("values of %s for %s", c[0], m)
          .containsExactlyElementsOf(oracle.labelValues(c[0], m, Long.MIN_VALUE, Long.MAX_VALUE, List.of()));
    }
    List<Matcher> none = List.of(Matcher.equal("__name__", "no_such_metric"));
    assertThat(labelValues("job", none, Long.MIN_VALUE, Long.MAX_VALUE, List.of())).isEmpty();
    assertThat(labelValues("nonexistent", List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of())).isEmpty();
  }

  @Test
  void labelValuesOfAnExternalLabelIsItsValue() {
    assertThat(labelValues("region", List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of()))
        .containsExactly(external.get("region"));
    assertThat(labelValues("region", List.of(Matcher.equal("__name__", "up")), Long.MIN_VALUE, Long.MAX_VALUE,
        List.of())).containsExactly(external.get("region"));
    assertThat(labelValues("region", List.of(Matcher.equal("region", "us-east")), Long.MIN_VALUE, Long.MAX_VALUE,
        List.of())).isEmpty();
    assertThat(labelValues("job", List.of(Matcher.notEqual("region", "eu-west")), Long.MIN_VALUE, Long.MAX_VALUE,
        List.of())).isEmpty();
    assertThat(labelValues("job", List.of(Matcher.equal("region", "eu-west")), Long.MIN_VALUE, Long.MAX_VALUE,
        List.of())).containsExactlyElementsOf(oracle.labelValues("job", List.of(), Long.MIN_VALUE, Long.MAX_VALUE,
            List.of()));
  }

  @Test
  void labelValuesHonourTheTimeRange() {
    long mint = baseTime() + 4 * HOUR;
    long maxt = baseTime() + 5 * HOUR;
    assertBetween(labelValues("__name__", List.of(), mint, maxt, List.of()),
        oracle.labelValues("__name__", List.of(), mint, maxt, List.of()),
        oracle.labelValues("__name__", List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of()));
    assertThat(labelValues("job", List.of(), data.minTime() - 5 * HOUR, data.minTime() - HOUR, List.of()))
        .as("before the data").isEmpty();
  }

  @Test
  void labelValuesWithoutReplicaLabels() {
    assumeTrue(capabilities().withoutReplicaLabels(), "store does not support without_replica_labels");
    assertThat(labelValues(REPLICA, List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of(REPLICA))).isEmpty();
    assertThat(labelValues("job", List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of(REPLICA)))
        .containsExactlyElementsOf(oracle.labelValues("job", List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of()));
  }

  @Test
  void labelValuesLimit() {
    List<String> all = oracle.labelValues("__name__", List.of(), Long.MIN_VALUE, Long.MAX_VALUE, List.of());
    List<String> got = calls.labelValues(LabelValuesRequest.newBuilder().setLabel("__name__")
        .setStart(Long.MIN_VALUE).setEnd(Long.MAX_VALUE).setLimit(2).build()).getValuesList();
    assertThat(got).hasSize(2).isSubsetOf(all).isSortedAccordingTo(io.thanosjvm.model.Utf8Order.COMPARATOR);
  }

  // ---------------------------------------------------------------- Info

  @Test
  void infoAdvertisesExternalLabelsAndTheDataTimeRange() {
    assumeTrue(capabilities().servesInfo(), "target serves no Info");
    InfoResponse info = InfoGrpc.newBlockingStub(target.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
        .info(InfoRequest.getDefaultInstance());
    assertThat(info.hasStore()).as("store API advertised").isTrue();
    assertThat(info.getComponentType()).isIn("sidecar", "store", "query", "rule", "receive", "debug");
    assertThat(info.getLabelSetsList()).extracting(StoreApiAcceptanceKit::toLabels).contains(external);
    assertThat(info.getStore().getMinTime()).isLessThanOrEqualTo(data.minTime());
    assertThat(info.getStore().getMaxTime()).isGreaterThanOrEqualTo(data.maxTime());
    assertThat(info.getStore().getSupportsWithoutReplicaLabels()).isEqualTo(capabilities().withoutReplicaLabels());
  }

  // ---------------------------------------------------------------- helpers

  private static Labels toLabels(ZLabelSet set) {
    Labels.Builder b = Labels.builder();
    set.getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
    return b.build();
  }

  private static SeriesRequest.Builder request(List<Matcher> matchers, long mint, long maxt) {
    SeriesRequest.Builder b = SeriesRequest.newBuilder().setMinTime(mint).setMaxTime(maxt);
    matchers.forEach(m -> b.addMatchers(WireMatchers.toStore(m)));
    return b;
  }

  private List<String> labelNames(List<Matcher> matchers, long start, long end, List<String> drop) {
    LabelNamesRequest.Builder b = LabelNamesRequest.newBuilder().setStart(start).setEnd(end)
        .addAllWithoutReplicaLabels(drop);
    matchers.forEach(m -> b.addMatchers(WireMatchers.toStore(m)));
    return calls.labelNames(b.build()).getNamesList();
  }

  private List<String> labelValues(String name, List<Matcher> matchers, long start, long end, List<String> drop) {
    LabelValuesRequest.Builder b = LabelValuesRequest.newBuilder().setLabel(name).setStart(start).setEnd(end)
        .addAllWithoutReplicaLabels(drop);
    matchers.forEach(m -> b.addMatchers(WireMatchers.toStore(m)));
    return calls.labelValues(b.build()).getValuesList();
  }

  /** Exact when the store honours label time ranges; otherwise sorted, between exact and all-time answers. */
  private void assertBetween(List<String> got, List<String> exact, List<String> allTime) {
    if (capabilities().exactLabelTimeRanges()) {
      assertThat(got).containsExactlyElementsOf(exact);
    } else {
      assertThat(got).containsAll(exact).isSubsetOf(allTime)
          .isSortedAccordingTo(io.thanosjvm.model.Utf8Order.COMPARATOR).doesNotHaveDuplicates();
    }
  }

  /** The decoded samples of {@code got} in [mint, maxt] equal the dataset's, bit for bit, in time order. */
  private static void assertSamplesInRange(ReceivedSeries got, DatasetSeries want, long mint, long maxt) {
    assertThat(want).as("unexpected series %s", got.labels()).isNotNull();
    List<Long> wantT = new ArrayList<>();
    List<Long> wantV = new ArrayList<>();
    for (int i = 0; i < want.timestamps().length; i++) {
      if (want.timestamps()[i] >= mint && want.timestamps()[i] <= maxt) {
        wantT.add(want.timestamps()[i]);
        wantV.add(Double.doubleToRawLongBits(want.values()[i]));
      }
    }
    long[] gotT = got.timestampsIn(mint, maxt);
    assertThat(Arrays.stream(gotT).boxed().toList()).as("%s: sample times in [%d, %d]", got.labels(), mint, maxt)
        .isEqualTo(wantT);
    assertThat(Arrays.stream(got.valueBitsIn(mint, maxt)).boxed().toList())
        .as("%s: sample value bits in [%d, %d]", got.labels(), mint, maxt).isEqualTo(wantV);
  }

  private static void assertInvalidArgument(Runnable call) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }
}
