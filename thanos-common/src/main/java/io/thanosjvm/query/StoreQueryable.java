package io.thanosjvm.query;

import io.grpc.StatusRuntimeException;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.promql.storage.ArraySampleIterator;
import io.thanosjvm.promql.storage.ListSeriesSet;
import io.thanosjvm.promql.storage.Queryable;
import io.thanosjvm.promql.storage.SelectHints;
import io.thanosjvm.promql.storage.Series;
import io.thanosjvm.promql.storage.SeriesSet;
import io.thanosjvm.query.dedup.DedupFunctions;
import io.thanosjvm.query.dedup.DedupSeries;
import io.thanosjvm.query.dedup.OverlapSplit;
import io.thanosjvm.query.downsample.AggrChunkReader;
import io.thanosjvm.query.downsample.AggregateSelection;
import io.thanosjvm.query.downsample.DecodedSamples;
import io.thanosjvm.query.downsample.ResolutionWindow;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.wire.storepb.Aggr;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import io.thanosjvm.wire.storepb.Func;
import io.thanosjvm.wire.storepb.Grouping;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import io.thanosjvm.wire.storepb.QueryHints;
import io.thanosjvm.wire.storepb.Range;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * The PromQL engine's view of the StoreAPI: one Series call per selector (through the in-process proxy),
 * raw XOR chunks decoded into primitive arrays, overlapping chunks of a series merged by timestamp.
 * Store warnings become query warnings; a failure under ABORT becomes an execution error.
 *
 * <p>With replica labels configured, stores are asked to drop them ({@code without_replica_labels}), so the proxy
 * returns the replicas of a series as one series with overlapping chunks; these are split into pseudo-replicas
 * ({@link OverlapSplit}) and merged with Thanos' penalty deduplication ({@link DedupSeries}), counter-adjusted
 * when the enclosing function is rate-like.
 *
 * <p>Downsampled data: each request carries the query's {@code max_resolution_window} (capped at half the range
 * for two-sample functions, {@link ResolutionWindow}) and the aggregates the enclosing function needs
 * ({@link AggregateSelection}); series with aggregate chunks are read through {@link AggrChunkReader}. Series of
 * raw chunks only are read as raw samples whatever the function (Thanos would run {@code resets()} inputs through
 * its reset-hiding counter iterator even for raw data, its issue #3644; here raw data keeps Prometheus'
 * answers).
 */
public final class StoreQueryable implements Queryable {

  private final StoreGrpc.StoreImplBase store;
  private final PartialResponseStrategy strategy;
  private final List<String> replicaLabels;
  private final long maxResolutionWindow;

  /** A queryable over {@code store} (usually the querier's proxy) without deduplication, raw data only. */
  public StoreQueryable(StoreGrpc.StoreImplBase store, PartialResponseStrategy strategy) {
    this(store, strategy, List.of());
  }

  /**
   * A queryable over {@code store} deduplicating replicas that differ only in {@code replicaLabels}; an empty
   * list disables deduplication.
   */
  public StoreQueryable(StoreGrpc.StoreImplBase store, PartialResponseStrategy strategy, List<String> replicaLabels) {
    this(store, strategy, replicaLabels, 0);
  }

  /**
   * A queryable as above that may read downsampled data: {@code maxResolutionWindowMillis} is the query's
   * {@code max_source_resolution} (0 = raw only).
   */
  public StoreQueryable(StoreGrpc.StoreImplBase store, PartialResponseStrategy strategy, List<String> replicaLabels,
      long maxResolutionWindowMillis) {
    if (maxResolutionWindowMillis < 0) {
      throw new IllegalArgumentException("negative max resolution window " + maxResolutionWindowMillis);
    }
    this.store = store;
    this.strategy = strategy;
    this.replicaLabels = List.copyOf(replicaLabels);
    this.maxResolutionWindow = maxResolutionWindowMillis;
  }

  @Override
  public SeriesSet select(SelectHints hints, List<Matcher> matchers) {
    List<Aggr> aggregates = AggregateSelection.forFunction(hints.function());
    AggrChunkReader reader = AggrChunkReader.of(aggregates);
    SeriesRequest.Builder req = SeriesRequest.newBuilder().setMinTime(hints.start()).setMaxTime(hints.end())
        .setMaxResolutionWindow(ResolutionWindow.forSelector(maxResolutionWindow, hints.function(), hints.range()))
        .addAllAggregates(aggregates)
        .setPartialResponseStrategy(strategy)
        .setQueryHints(QueryHints.newBuilder().setStepMillis(hints.step())
            .setFunc(Func.newBuilder().setName(hints.function()))
            .setRange(Range.newBuilder().setMillis(hints.range()))
            .setGrouping(Grouping.newBuilder().setBy(hints.by()).addAllLabels(hints.grouping())));
    matchers.forEach(m -> req.addMatchers(WireMatchers.toStore(m)));
    boolean dedup = !replicaLabels.isEmpty();
    if (dedup) {
      req.addAllWithoutReplicaLabels(replicaLabels);
    }
    List<SeriesResponse> frames = call(req.build());
    List<Series> series = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    boolean counter = DedupFunctions.isCounter(hints.function());
    Labels groupLabels = null;
    List<Series> group = new ArrayList<>();
    for (SeriesResponse r : frames) {
      if (r.hasWarning()) {
        warnings.add(r.getWarning());
      } else if (r.hasSeries() && !dedup) {
        series.add(new LazySeries(labels(r.getSeries()), r.getSeries().getChunksList(), reader));
      } else if (r.hasSeries()) {
        Labels l = labels(r.getSeries());
        if (groupLabels != null && !groupLabels.equals(l)) {
          series.add(new DedupSeries(groupLabels, group, counter));
          group = new ArrayList<>();
        }
        groupLabels = l;
        for (List<AggrChunk> replica : OverlapSplit.split(r.getSeries().getChunksList())) {
          group.add(decode(l, replica, reader));
        }
      }
    }
    if (groupLabels != null) {
      series.add(new DedupSeries(groupLabels, group, counter));
    }
    return dedup ? new ListSeriesSet(series, warnings) : new ReleasingSeriesSet(series, warnings);
  }

  /**
   * A series whose chunks are decoded only when its samples are first read, so a selection holds the compact
   * chunks of every series but the decoded arrays of only those the engine is reading.
   */
  private static final class LazySeries implements Series {
    private final Labels labels;
    private final List<AggrChunk> chunks;
    private final AggrChunkReader reader;
    private Series decoded;

    LazySeries(Labels labels, List<AggrChunk> chunks, AggrChunkReader reader) {
      this.labels = labels;
      this.chunks = chunks;
      this.reader = reader;
    }

    @Override
    public Labels labels() {
      return labels;
    }

    @Override
    public SampleIterator iterator() {
      if (decoded == null) {
        decoded = decode(labels, chunks, reader);
      }
      return decoded.iterator();
    }
  }

  /** A list-backed set that lets go of each series once the consumer has moved past it. */
  private static final class ReleasingSeriesSet implements SeriesSet {
    private final List<Series> series;
    private final List<String> warnings;
    private int i = -1;

    ReleasingSeriesSet(List<Series> series, List<String> warnings) {
      this.series = series;
      this.warnings = List.copyOf(warnings);
    }

    @Override
    public boolean next() {
      if (i >= 0 && i < series.size()) {
        series.set(i, null);
      }
      return ++i < series.size();
    }

    @Override
    public Series at() {
      return series.get(i);
    }

    @Override
    public List<String> warnings() {
      return warnings;
    }
  }

  private static Labels labels(io.thanosjvm.wire.storepb.Series s) {
    Labels.Builder b = Labels.builder();
    s.getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
    return b.build();
  }

  private List<SeriesResponse> call(SeriesRequest request) {
    try {
      return InProcessCall.collect(o -> store.series(request, o));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String msg = cause instanceof StatusRuntimeException sre
          ? sre.getStatus().getCode() + ": " + sre.getStatus().getDescription() : cause.getMessage();
      throw new QueryExecutionException("fetching series: " + msg, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryExecutionException("interrupted while fetching series", e);
    }
  }

  /** Decodes a wire series' raw XOR chunks into one sorted, de-duplicated sample array. */
  static Series decode(io.thanosjvm.wire.storepb.Series s) {
    return decode(labels(s), s.getChunksList());
  }

  /** Decodes chunks with aggregates through {@code reader}, raw-only chunk lists as raw samples. */
  static Series decode(Labels labels, List<AggrChunk> chunks, AggrChunkReader reader) {
    if (!AggrChunkReader.anyAggregate(chunks)) {
      return decode(labels, chunks);
    }
    DecodedSamples samples = reader.read(chunks);
    return new Series() {
      @Override
      public Labels labels() {
        return labels;
      }

      @Override
      public SampleIterator iterator() {
        return samples.iterator();
      }
    };
  }

  /** Decodes raw XOR chunks into one sorted, de-duplicated sample array with the given labels. */
  static Series decode(Labels labels, List<AggrChunk> chunks) {
    int capacity = 0;
    for (AggrChunk c : chunks) {
      if (c.hasRaw() && c.getRaw().getType() == Chunk.Encoding.XOR && c.getRaw().getData().size() >= 2) {
        com.google.protobuf.ByteString d = c.getRaw().getData();
        capacity += ((d.byteAt(0) & 0xff) << 8) | (d.byteAt(1) & 0xff);
      }
    }
    long[] ts = new long[capacity];
    double[] vs = new double[capacity];
    int n = 0;
    boolean sorted = true;
    XorIterator it = new XorIterator();
    for (AggrChunk c : chunks) {
      if (!c.hasRaw() || c.getRaw().getType() != Chunk.Encoding.XOR) {
        continue; // not a float chunk (native histograms are not read yet)
      }
      byte[] data = c.getRaw().getData().toByteArray();
      it.reset(data, 0, data.length);
      int from = n;
      n += it.decodeAll(ts, vs, n); // capacity is the sum of the chunks' sample counts
      for (int i = Math.max(from, 1); i < n && sorted; i++) {
        sorted = ts[i] > ts[i - 1];
      }
    }
    if (!sorted) {
      n = SampleSort.sortAndDedupe(ts, vs, n);
    }
    final int count = n;
    return new Series() {
      @Override
      public Labels labels() {
        return labels;
      }

      @Override
      public SampleIterator iterator() {
        return new ArraySampleIterator(ts, vs, 0, count);
      }
    };
  }
}
