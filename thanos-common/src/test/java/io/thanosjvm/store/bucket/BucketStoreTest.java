package io.thanosjvm.store.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.MatchType;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.model.TimeRange;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.tsdb.BlockQuerier;
import io.thanosjvm.tsdb.BlockSeries;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.tsdb.testing.Promtool;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelNamesResponse;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.LabelValuesResponse;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The store gateway over promtool-made blocks in a filesystem bucket answers exactly what reading the same blocks
 * locally answers: same series, same samples in every range, block edges included.
 */
class BucketStoreTest {

  static final Labels EXTERNAL = Labels.of("cluster", "eu1", "replica", "a");
  @TempDir static Path tmp;
  static Path local;
  static FilesystemBucket bucket;
  static BucketBlockRegistry registry;
  static BucketStore store;
  static BlockQuerier reference;
  static long minT;
  static long maxT;

  @BeforeAll
  static void uploadPromtoolBlocks() throws Exception {
    local = tmp.resolve("local");
    Files.createDirectories(local);
    Promtool.makeBlocks(local, "--series", "120", "--hours", "6", "--step", "60", "--churn", "--special");
    bucket = new FilesystemBucket(Files.createDirectories(tmp.resolve("bucket")));
    BlockUploader up = new BlockUploader(bucket, Clock.systemUTC());
    for (Path b : Promtool.blocks(local)) {
      up.upload(b, new UploadOptions(EXTERNAL.toMap(), "test", 0, true));
    }
    reference = BlockQuerier.open(local);
    minT = reference.blocks().get(0).meta().minTime();
    maxT = reference.blocks().get(reference.blocks().size() - 1).meta().maxTime() - 1;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    MetaFetcher fetcher = new MetaFetcher(bucket, 4, List.of(), new FetcherMetrics(meters));
    registry = new BucketBlockRegistry(bucket, fetcher, tmp.resolve("data"), 4);
    store = new BucketStore(registry, IndexCache.none(), StoreLimits.NONE, 20, Long.MIN_VALUE, Long.MAX_VALUE,
        meters);
    assertThat(registry.sync().loaded()).isEqualTo(3);
  }

  @AfterAll
  static void close() throws Exception {
    registry.close();
    reference.close();
    bucket.close();
  }

  static Matcher m(MatchType t, String name, String value) {
    return Matcher.of(t, name, value);
  }

  static final Map<String, List<Matcher>> SELECTORS = new LinkedHashMap<>();

  static {
    SELECTORS.put("eq", List.of(m(MatchType.EQUAL, "__name__", "demo_requests_total")));
    SELECTORS.put("re", List.of(m(MatchType.REGEX, "__name__", "demo_.*")));
    SELECTORS.put("re-and-neq", List.of(m(MatchType.REGEX, "__name__", "demo_.+"),
        m(MatchType.NOT_EQUAL, "instance", "host-1")));
    SELECTORS.put("nre", List.of(m(MatchType.REGEX, "__name__", ".+"), m(MatchType.NOT_REGEX, "instance", "host-[12]")));
    SELECTORS.put("absent-label", List.of(m(MatchType.REGEX, "__name__", ".+"), m(MatchType.EQUAL, "le", "")));
    SELECTORS.put("present-label", List.of(m(MatchType.NOT_EQUAL, "le", "")));
    SELECTORS.put("unknown", List.of(m(MatchType.EQUAL, "__name__", "nope")));
    SELECTORS.put("ext-match", List.of(m(MatchType.EQUAL, "cluster", "eu1"), m(MatchType.REGEX, "__name__", "demo_l.*")));
  }

  @Test
  void seriesAndSamplesMatchTheLocalBlocksForEverySelectorAndRange() throws Exception {
    long twoH = 7_200_000L;
    long[][] ranges = {
        {minT, maxT}, {minT + twoH - 1, minT + twoH}, {minT + twoH, minT + twoH}, {minT + 1000, minT + 3 * twoH / 2},
        {maxT - 60_000, maxT + 3_600_000}, {minT - 3_600_000, minT - 1}};
    int compared = 0;
    for (Map.Entry<String, List<Matcher>> sel : SELECTORS.entrySet()) {
      for (long[] r : ranges) {
        Map<String, List<String>> want = referenceSamples(sel.getValue(), r[0], r[1]);
        Map<String, List<String>> got = storeSamples(sel.getValue(), r[0], r[1]);
        assertThat(got).as(sel.getKey() + " " + r[0] + ".." + r[1]).isEqualTo(want);
        compared += want.size();
      }
    }
    assertThat(compared).isGreaterThan(500);
  }

  @Test
  void contradictingExternalLabelMatcherSelectsNothing() {
    List<Matcher> ms = List.of(m(MatchType.EQUAL, "cluster", "us1"), m(MatchType.REGEX, "__name__", ".+"));
    assertThat(storeSeries(request(ms, minT, maxT).build())).isEmpty();
  }

  @Test
  void skipChunksGivesTheSameSeriesWithoutChunks() {
    List<Matcher> ms = SELECTORS.get("re");
    List<Series> full = storeSeries(request(ms, minT, maxT).build());
    List<Series> bare = storeSeries(request(ms, minT, maxT).setSkipChunks(true).build());
    assertThat(bare).extracting(Series::getLabelsList).isEqualTo(full.stream().map(Series::getLabelsList).toList());
    assertThat(bare).allSatisfy(s -> assertThat(s.getChunksList()).isEmpty());
  }

  @Test
  void withoutReplicaLabelsDropsThemAndKeepsOrder() {
    List<Series> s = storeSeries(request(SELECTORS.get("re"), minT, maxT).addWithoutReplicaLabels("replica").build());
    assertThat(s).isNotEmpty().allSatisfy(x -> assertThat(x.getLabelsList()).extracting(Label::getName)
        .doesNotContain("replica").contains("cluster"));
    List<String> keys = s.stream().map(BucketStoreTest::key).toList();
    assertThat(keys).isSortedAccordingTo((a, b) -> labelsOf(a).compareTo(labelsOf(b)));
  }

  @Test
  void limitCapsTheNumberOfSeries() {
    assertThat(storeSeries(request(SELECTORS.get("re"), minT, maxT).setLimit(7).build())).hasSize(7);
  }

  @Test
  void labelNamesAndValuesCoverTheBlocksAndExternalLabels() throws Exception {
    TreeSet<String> names = new TreeSet<>();
    TreeSet<String> jobs = new TreeSet<>();
    for (var b : reference.blocks()) {
      names.addAll(b.index().labelNames());
      jobs.addAll(b.index().labelValues("__name__"));
    }
    names.addAll(List.of("cluster", "replica"));
    List<String> gotNames = StoreCalls.<LabelNamesResponse>call(o -> store.labelNames(
        LabelNamesRequest.newBuilder().setStart(minT).setEnd(maxT).build(), o)).ok().get(0).getNamesList();
    assertThat(gotNames).containsExactlyElementsOf(names);
    List<String> gotValues = StoreCalls.<LabelValuesResponse>call(o -> store.labelValues(
        LabelValuesRequest.newBuilder().setLabel("__name__").setStart(minT).setEnd(maxT).build(), o)).ok().get(0)
        .getValuesList();
    assertThat(gotValues).containsExactlyElementsOf(jobs);
    List<String> cluster = StoreCalls.<LabelValuesResponse>call(o -> store.labelValues(
        LabelValuesRequest.newBuilder().setLabel("cluster").setStart(minT).setEnd(maxT).build(), o)).ok().get(0)
        .getValuesList();
    assertThat(cluster).containsExactly("eu1");
    List<String> filtered = StoreCalls.<LabelValuesResponse>call(o -> store.labelValues(
        LabelValuesRequest.newBuilder().setLabel("__name__").setStart(minT).setEnd(maxT)
            .addMatchers(WireMatchers.toStore(m(MatchType.REGEX, "__name__", "demo_latency.*"))).build(), o))
        .ok().get(0).getValuesList();
    assertThat(filtered).isNotEmpty().allSatisfy(v -> assertThat(v).startsWith("demo_latency"));
  }

  @Test
  void infoDescribesTheLoadedBlocks() {
    InfoResponse info = BucketStoreInfo.of(registry, Long.MIN_VALUE, Long.MAX_VALUE).orElseThrow();
    assertThat(info.getComponentType()).isEqualTo("store");
    assertThat(info.getStore().getMinTime()).isEqualTo(minT);
    assertThat(info.getStore().getMaxTime()).isEqualTo(maxT + 1);
    assertThat(info.getLabelSetsList()).hasSize(1);
    // promtool's blocks end at their last sample + 1 ms, so the three do not touch: three ranges
    assertThat(info.getStore().getTsdbInfosList()).extracting(t -> t.getMinTime() + ".." + t.getMaxTime())
        .containsExactlyElementsOf(reference.blocks().stream().map(b -> b.meta().minTime() + ".." + b.meta().maxTime())
            .toList());
    assertThat(info.getStore().getSupportsWithoutReplicaLabels()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"series", "samples", "bytes"})
  void requestsOverALimitFailWithResourceExhausted(String which) throws Exception {
    StoreLimits limits = switch (which) {
      case "series" -> new StoreLimits(10, 0, 0);
      case "samples" -> new StoreLimits(0, 1000, 0);
      default -> new StoreLimits(0, 0, 4096);
    };
    BucketStore limited = new BucketStore(registry, IndexCache.none(), limits, 0, Long.MIN_VALUE, Long.MAX_VALUE,
        new SimpleMeterRegistry());
    var answer = StoreCalls.<SeriesResponse>call(o -> limited.series(request(SELECTORS.get("re"), minT, maxT).build(), o));
    assertThat(answer.error()).isNotNull();
    assertThat(answer.error().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(answer.error().getDescription()).contains("exceeded " + which + " limit");
    assertThat(answer.messages()).isEmpty();
  }

  @Test
  void noMatchersIsInvalid() {
    var answer = StoreCalls.<SeriesResponse>call(o -> store.series(SeriesRequest.newBuilder().setMinTime(minT)
        .setMaxTime(maxT).build(), o));
    assertThat(answer.error().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  static SeriesRequest.Builder request(List<Matcher> ms, long mint, long maxt) {
    SeriesRequest.Builder b = SeriesRequest.newBuilder().setMinTime(mint).setMaxTime(maxt);
    ms.forEach(x -> b.addMatchers(WireMatchers.toStore(x)));
    return b;
  }

  static List<Series> storeSeries(SeriesRequest req) {
    List<SeriesResponse> frames = StoreCalls.<SeriesResponse>call(o -> store.series(req, o)).ok();
    assertThat(frames).isNotEmpty();
    assertThat(frames.get(frames.size() - 1).hasHints()).isTrue();
    return frames.stream().filter(SeriesResponse::hasSeries).map(SeriesResponse::getSeries).toList();
  }

  static String key(Series s) {
    StringBuilder b = new StringBuilder();
    for (Label l : s.getLabelsList()) {
      b.append(l.getName()).append('=').append(l.getValue()).append('\u0000');
    }
    return b.toString();
  }

  static Labels labelsOf(String key) {
    Labels.Builder b = Labels.builder();
    for (String kv : key.split("\u0000")) {
      int i = kv.indexOf('=');
      b.set(kv.substring(0, i), kv.substring(i + 1));
    }
    return b.build();
  }

  static Map<String, List<String>> storeSamples(List<Matcher> ms, long mint, long maxt) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    XorIterator it = new XorIterator();
    List<Series> all = storeSeries(request(ms, mint, maxt).build());
    for (Series s : all) {
      List<String> samples = new ArrayList<>();
      for (AggrChunk c : s.getChunksList()) {
        byte[] d = c.getRaw().getData().toByteArray();
        it.reset(d, 0, d.length);
        while (it.next()) {
          if (it.atT() >= mint && it.atT() <= maxt) {
            samples.add(it.atT() + ":" + Long.toHexString(it.atVBits()));
          }
        }
      }
      if (!samples.isEmpty()) {
        out.put(key(s), samples);
      }
    }
    return out;
  }

  static Map<String, List<String>> referenceSamples(List<Matcher> ms, long mint, long maxt) {
    List<Matcher> data = new ArrayList<>();
    for (Matcher x : ms) {
      if (EXTERNAL.has(x.name())) {
        if (!x.matches(EXTERNAL.get(x.name()))) {
          return Map.of();
        }
      } else {
        data.add(x);
      }
    }
    Map<String, List<String>> out = new java.util.TreeMap<>((a, b) -> labelsOf(a).compareTo(labelsOf(b)));
    Iterator<BlockSeries> it = reference.select(new TimeRange(mint, maxt), data);
    while (it.hasNext()) {
      BlockSeries s = it.next();
      Labels l = s.labels().toBuilder().set("cluster", "eu1").set("replica", "a").build();
      StringBuilder k = new StringBuilder();
      l.forEach(x -> k.append(x.name()).append('=').append(x.value()).append('\u0000'));
      List<String> samples = out.computeIfAbsent(k.toString(), x -> new ArrayList<>());
      SampleIterator si = s.iterator();
      while (si.next()) {
        if (si.atT() >= mint && si.atT() <= maxt) {
          samples.add(si.atT() + ":" + Long.toHexString(Double.doubleToRawLongBits(si.atV())));
        }
      }
    }
    out.values().removeIf(List::isEmpty);
    return new LinkedHashMap<>(out);
  }
}
