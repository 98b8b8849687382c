package io.thanosjvm.store.bucket;

import com.google.protobuf.Any;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.store.ShardMatcher;
import io.thanosjvm.store.StoreRequestException;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.wire.hintspb.Block;
import io.thanosjvm.wire.hintspb.SeriesResponseHints;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelNamesResponse;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.LabelValuesResponse;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The store gateway's {@code thanos.Store}: Series, LabelNames and LabelValues over the blocks of a
 * {@link BucketBlockRegistry}. Series calls pass a concurrency gate, are checked against {@link StoreLimits}
 * before each allocation, and stream series sorted by labels (merged across blocks) followed by a hints message
 * naming the queried blocks.
 */
public final class BucketStore extends StoreGrpc.StoreImplBase {

  private final BucketBlockRegistry registry;
  private final IndexCache cache;
  private final StoreLimits limits;
  private final long minTime;
  private final long maxTime;
  private final Semaphore gate;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final BucketStoreMetrics metrics;

  /**
   * A store over {@code registry}.
   *
   * @param seriesMaxConcurrency concurrent Series calls ({@code --store.grpc.series-max-concurrency}, 0 = no gate)
   * @param minTime only data at or after this time is served ({@code --min-time})
   * @param maxTime only data at or before this time is served ({@code --max-time})
   */
  public BucketStore(BucketBlockRegistry registry, IndexCache cache, StoreLimits limits, int seriesMaxConcurrency,
      long minTime, long maxTime, MeterRegistry meters) {
    this.registry = registry;
    this.cache = cache;
    this.limits = limits;
    this.minTime = minTime;
    this.maxTime = maxTime;
    this.gate = seriesMaxConcurrency > 0 ? new Semaphore(seriesMaxConcurrency, true) : null;
    this.metrics = new BucketStoreMetrics(meters, registry::size, inFlight::get, seriesMaxConcurrency);
    registry.bindMetrics(metrics);
  }

  /** The registry of served blocks. */
  public BucketBlockRegistry registry() {
    return registry;
  }

  @Override
  public void series(SeriesRequest request, StreamObserver<SeriesResponse> out) {
    try {
      enterGate();
      try {
        streamSeries(request, out);
      } finally {
        leaveGate();
      }
      out.onCompleted();
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
    } catch (CorruptBlockException e) {
      out.onError(StoreRequestException.internal("corrupt block data: " + e.getMessage(), e).status()
          .asRuntimeException());
    } catch (IOException | java.io.UncheckedIOException e) {
      out.onError(StoreRequestException.unavailable("reading from the bucket failed: " + e.getMessage(), e).status()
          .asRuntimeException());
    }
  }

  private void enterGate() {
    if (gate == null) {
      inFlight.incrementAndGet();
      return;
    }
    long start = System.nanoTime();
    try {
      gate.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw StoreRequestException.unavailable("interrupted while waiting at the series gate", e);
    }
    metrics.gateDuration.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    inFlight.incrementAndGet();
  }

  private void leaveGate() {
    inFlight.decrementAndGet();
    if (gate != null) {
      gate.release();
    }
  }

  private void streamSeries(SeriesRequest request, StreamObserver<SeriesResponse> out) throws IOException {
    List<Matcher> matchers = WireMatchers.fromStore(request.getMatchersList());
    if (matchers.isEmpty()) {
      throw StoreRequestException.invalidArgument("no matchers specified");
    }
    long mint = Math.max(request.getMinTime(), minTime);
    long maxt = Math.min(request.getMaxTime(), maxTime);
    RequestBudget budget = new RequestBudget(limits);
    List<BucketBlock> blocks = mint > maxt ? List.of()
        : BlockSets.select(registry.blocks(), mint, maxt, request.getMaxResolutionWindow());
    BlockSeriesQuery.Params params = new BlockSeriesQuery.Params(mint, maxt, request.getSkipChunks(),
        request.getAggregatesList(), request.getWithoutReplicaLabelsList(), ShardMatcher.of(request));
    List<List<BlockSeriesQuery.Result>> perBlock = new ArrayList<>(blocks.size());
    SeriesResponseHints.Builder hints = SeriesResponseHints.newBuilder();
    Timer.Sample timer = Timer.start();
    try {
      for (BucketBlock b : blocks) {
        List<BlockSeriesQuery.Result> r = BlockSeriesQuery.run(b, matchers, params, cache, budget);
        if (!r.isEmpty()) {
          perBlock.add(r);
        }
        hints.addQueriedBlocks(Block.newBuilder().setId(b.id()));
      }
    } catch (StoreRequestException e) {
      recordDropped(e);
      throw e;
    } finally {
      timer.stop(metrics.seriesGetAll);
      metrics.seriesBlocksQueried.record(blocks.size());
      metrics.seriesDataTouchedSeries.record(budget.series());
      metrics.seriesDataTouchedChunks.record(budget.chunks());
      metrics.seriesDataFetchedPostingsBytes.record(budget.bytes(RequestBudget.Kind.POSTINGS));
      metrics.seriesDataFetchedSeriesBytes.record(budget.bytes(RequestBudget.Kind.SERIES));
      metrics.seriesDataFetchedChunksBytes.record(budget.bytes(RequestBudget.Kind.CHUNKS));
    }
    long sent = SeriesMerge.mergeSorted(perBlock, request.getLimit(), s -> out.onNext(
        SeriesResponse.newBuilder().setSeries(s).build()));
    metrics.seriesResultSeries.record(sent);
    out.onNext(SeriesResponse.newBuilder().setHints(Any.pack(hints.build())).build());
  }

  private void recordDropped(StoreRequestException e) {
    String d = String.valueOf(e.getMessage());
    if (d.startsWith("exceeded series")) {
      metrics.queriesDroppedSeries.increment();
    } else if (d.startsWith("exceeded samples")) {
      metrics.queriesDroppedChunks.increment();
    } else if (d.startsWith("exceeded bytes")) {
      metrics.queriesDroppedBytes.increment();
    }
  }

  @Override
  public void labelNames(LabelNamesRequest request, StreamObserver<LabelNamesResponse> out) {
    try {
      List<Matcher> matchers = WireMatchers.fromStore(request.getMatchersList());
      TreeSet<String> names = new TreeSet<>(Utf8Order.COMPARATOR);
      for (BucketBlock b : blocksFor(request.getStart(), request.getEnd())) {
        Optional<List<Matcher>> data = BlockSeriesQuery.dataMatchers(b.externalLabels(), matchers);
        if (data.isEmpty()) {
          continue;
        }
        if (data.get().isEmpty()) {
          names.addAll(b.header().labelNames());
          b.externalLabels().forEach(l -> names.add(l.name()));
        } else {
          // series' labels already carry the external labels; none match = no names at all
          for (BlockSeriesQuery.Result r : labelsOnly(b, data.get(), request.getStart(), request.getEnd())) {
            r.labels().forEach(l -> names.add(l.name()));
          }
        }
      }
      request.getWithoutReplicaLabelsList().forEach(names::remove);
      out.onNext(LabelNamesResponse.newBuilder().addAllNames(limit(names, request.getLimit())).build());
      out.onCompleted();
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
    } catch (IOException | CorruptBlockException | java.io.UncheckedIOException e) {
      out.onError(StoreRequestException.unavailable("label names: " + e.getMessage(), e).status()
          .asRuntimeException());
    }
  }

  @Override
  public void labelValues(LabelValuesRequest request, StreamObserver<LabelValuesResponse> out) {
    try {
      String name = request.getLabel();
      if (name.isEmpty()) {
        throw StoreRequestException.invalidArgument("label name parameter cannot be empty");
      }
      List<Matcher> matchers = WireMatchers.fromStore(request.getMatchersList());
      TreeSet<String> values = new TreeSet<>(Utf8Order.COMPARATOR);
      if (!request.getWithoutReplicaLabelsList().contains(name)) {
        for (BucketBlock b : blocksFor(request.getStart(), request.getEnd())) {
          Optional<List<Matcher>> data = BlockSeriesQuery.dataMatchers(b.externalLabels(), matchers);
          if (data.isEmpty()) {
            continue;
          }
          if (b.externalLabels().has(name)) {
            values.add(b.externalLabels().get(name));
          } else if (data.get().isEmpty()) {
            values.addAll(b.header().labelValues(name));
          } else {
            for (BlockSeriesQuery.Result r : labelsOnly(b, data.get(), request.getStart(), request.getEnd())) {
              String v = r.labels().get(name);
              if (!v.isEmpty()) {
                values.add(v);
              }
            }
          }
        }
      }
      out.onNext(LabelValuesResponse.newBuilder().addAllValues(limit(values, request.getLimit())).build());
      out.onCompleted();
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
    } catch (IOException | CorruptBlockException | java.io.UncheckedIOException e) {
      out.onError(StoreRequestException.unavailable("label values: " + e.getMessage(), e).status()
          .asRuntimeException());
    }
  }

  private List<BucketBlock> blocksFor(long start, long end) {
    long mint = Math.max(start, minTime);
    long maxt = Math.min(end, maxTime);
    List<BucketBlock> out = new ArrayList<>();
    for (BucketBlock b : registry.blocks()) {
      if (b.overlaps(mint, maxt)) {
        out.add(b);
      }
    }
    return out;
  }

  private List<BlockSeriesQuery.Result> labelsOnly(BucketBlock b, List<Matcher> data, long start, long end)
      throws IOException {
    // data labels only: the external ones are handled by the callers
    BlockSeriesQuery.Params p = new BlockSeriesQuery.Params(start, end, true, List.of(), List.of(),
        ShardMatcher.ALL);
    return BlockSeriesQuery.run(b, data, p, cache, new RequestBudget(limits));
  }

  private static List<String> limit(TreeSet<String> values, long limit) {
    List<String> all = new ArrayList<>(values);
    return limit > 0 && all.size() > limit ? all.subList(0, (int) limit) : all;
  }

  /** Labels as wire labels. */
  static List<Label> wire(Labels labels) {
    List<Label> out = new ArrayList<>(labels.size());
    labels.forEach(l -> out.add(Label.newBuilder().setName(l.name()).setValue(l.value()).build()));
    return out;
  }

  /** Wire series from a result. */
  static Series toWire(BlockSeriesQuery.Result r) {
    return Series.newBuilder().addAllLabels(wire(r.labels())).addAllChunks(r.chunks()).build();
  }
}
