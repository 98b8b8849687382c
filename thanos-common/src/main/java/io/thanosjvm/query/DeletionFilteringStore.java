package io.thanosjvm.query;

import io.grpc.stub.StreamObserver;
import io.thanosjvm.block.deletion.DeletionSet;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelNamesResponse;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.LabelValuesResponse;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The querier's stores with the recorded deletion requests applied, tombstone-style, before anything reaches the
 * engine or an API answer: a series a request selects loses its samples in the request's range (chunks inside the
 * range dropped, chunks crossing its edge re-encoded without those samples), a series left without samples is not
 * returned, and label names and values come from the series that still have samples. Calls whose time range no
 * request overlaps go straight to the stores; the others read chunks even when the caller asked for
 * {@code skip_chunks} (they are dropped from the answer), since only the samples tell whether a series survives.
 */
public final class DeletionFilteringStore extends StoreGrpc.StoreImplBase {

  /** Selects every series when a labels call names no matcher. */
  private static final LabelMatcher ANY_NAME = LabelMatcher.newBuilder().setType(LabelMatcher.Type.RE)
      .setName("__name__").setValue(".+").build();

  private final StoreGrpc.StoreImplBase delegate;
  private final Supplier<DeletionSet> deletions;

  /** {@code delegate} (the proxy over the stores) seen through the current {@code deletions}. */
  public DeletionFilteringStore(StoreGrpc.StoreImplBase delegate, Supplier<DeletionSet> deletions) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.deletions = Objects.requireNonNull(deletions, "deletions");
  }

  @Override
  public void series(SeriesRequest request, StreamObserver<SeriesResponse> out) {
    DeletionSet set = deletions.get();
    if (set.isEmpty() || !set.overlaps(request.getMinTime(), request.getMaxTime())) {
      delegate.series(request, out);
      return;
    }
    boolean skipChunks = request.getSkipChunks();
    delegate.series(skipChunks ? request.toBuilder().setSkipChunks(false).build() : request,
        new StreamObserver<>() {
          @Override
          public void onNext(SeriesResponse r) {
            if (!r.hasSeries()) {
              out.onNext(r);
              return;
            }
            Series s = filter(r.getSeries(), set, request.getMinTime(), request.getMaxTime());
            if (s != null) {
              out.onNext(SeriesResponse.newBuilder()
                  .setSeries(skipChunks ? s.toBuilder().clearChunks().build() : s).build());
            }
          }

          @Override
          public void onError(Throwable t) {
            out.onError(t);
          }

          @Override
          public void onCompleted() {
            out.onCompleted();
          }
        });
  }

  @Override
  public void labelNames(LabelNamesRequest request, StreamObserver<LabelNamesResponse> out) {
    DeletionSet set = deletions.get();
    if (set.isEmpty() || !set.overlaps(request.getStart(), request.getEnd())) {
      delegate.labelNames(request, out);
      return;
    }
    List<LabelMatcher> matchers = request.getMatchersList().isEmpty() ? List.of(ANY_NAME)
        : request.getMatchersList();
    TreeSet<String> names = new TreeSet<>(Utf8Order.COMPARATOR);
    List<String> warnings = new ArrayList<>();
    if (surviving(request.getStart(), request.getEnd(), matchers, request.getPartialResponseStrategy(),
        warnings, s -> s.getLabelsList().forEach(l -> names.add(l.getName())), out)) {
      out.onNext(LabelNamesResponse.newBuilder().addAllNames(names).addAllWarnings(warnings).build());
      out.onCompleted();
    }
  }

  @Override
  public void labelValues(LabelValuesRequest request, StreamObserver<LabelValuesResponse> out) {
    DeletionSet set = deletions.get();
    if (set.isEmpty() || !set.overlaps(request.getStart(), request.getEnd())) {
      delegate.labelValues(request, out);
      return;
    }
    List<LabelMatcher> matchers = new ArrayList<>(request.getMatchersList());
    matchers.add(LabelMatcher.newBuilder().setType(LabelMatcher.Type.RE).setName(request.getLabel())
        .setValue(".+").build());
    TreeSet<String> values = new TreeSet<>(Utf8Order.COMPARATOR);
    List<String> warnings = new ArrayList<>();
    if (surviving(request.getStart(), request.getEnd(), matchers, request.getPartialResponseStrategy(),
        warnings, s -> s.getLabelsList().stream().filter(l -> l.getName().equals(request.getLabel()))
            .forEach(l -> values.add(l.getValue())), out)) {
      out.onNext(LabelValuesResponse.newBuilder().addAllValues(values).addAllWarnings(warnings).build());
      out.onCompleted();
    }
  }

  /** Streams the surviving series of a labels call to {@code each}; false (after {@code out.onError}) on failure. */
  private boolean surviving(long start, long end, List<LabelMatcher> matchers,
      io.thanosjvm.wire.storepb.PartialResponseStrategy strategy, List<String> warnings,
      java.util.function.Consumer<Series> each, StreamObserver<?> out) {
    SeriesRequest req = SeriesRequest.newBuilder().setMinTime(start).setMaxTime(end).addAllMatchers(matchers)
        .setSkipChunks(true).setPartialResponseStrategy(strategy).build();
    try {
      InProcessCall.<SeriesResponse>stream(o -> series(req, o), r -> {
        if (r.hasWarning()) {
          warnings.add(r.getWarning());
        } else if (r.hasSeries()) {
          each.accept(r.getSeries());
        }
      });
      return true;
    } catch (java.util.concurrent.ExecutionException e) {
      out.onError(e.getCause());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.onError(io.grpc.Status.CANCELLED.withDescription("interrupted").asRuntimeException());
      return false;
    }
  }

  /** The series without its deleted samples within {@code [minTime, maxTime]}, or null when none is left. */
  static Series filter(Series s, DeletionSet set, long minTime, long maxTime) {
    Labels.Builder b = Labels.builder();
    s.getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
    long[] deleted = set.deleted(b.build());
    if (deleted.length == 0) {
      return s;
    }
    Series.Builder out = s.toBuilder().clearChunks();
    for (AggrChunk c : s.getChunksList()) {
      AggrChunk kept = filter(c, deleted);
      if (kept != null) {
        out.addChunks(kept);
      }
    }
    if (out.getChunksCount() == 0 || !hasSamplesIn(out, minTime, maxTime)) {
      return null;
    }
    return out.build();
  }

  private static boolean hasSamplesIn(Series.Builder s, long minTime, long maxTime) {
    for (AggrChunk c : s.getChunksList()) {
      if (c.getMinTime() <= maxTime && c.getMaxTime() >= minTime) {
        return true;
      }
    }
    return false;
  }

  private static AggrChunk filter(AggrChunk c, long[] deleted) {
    boolean touched = false;
    for (int i = 0; i < deleted.length; i += 2) {
      if (deleted[i] <= c.getMaxTime() && deleted[i + 1] >= c.getMinTime()) {
        if (deleted[i] <= c.getMinTime() && deleted[i + 1] >= c.getMaxTime()) {
          return null; // the whole chunk is deleted
        }
        touched = true;
      }
    }
    if (!touched) {
      return c;
    }
    AggrChunk.Builder b = AggrChunk.newBuilder();
    long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
    boolean any = false;
    if (c.hasRaw()) {
      any |= set(c.getRaw(), deleted, range, b::setRaw);
    }
    if (c.hasCount()) {
      any |= set(c.getCount(), deleted, range, b::setCount);
    }
    if (c.hasSum()) {
      any |= set(c.getSum(), deleted, range, b::setSum);
    }
    if (c.hasMin()) {
      any |= set(c.getMin(), deleted, range, b::setMin);
    }
    if (c.hasMax()) {
      any |= set(c.getMax(), deleted, range, b::setMax);
    }
    if (c.hasCounter()) {
      any |= set(c.getCounter(), deleted, range, b::setCounter);
    }
    return any ? b.setMinTime(range[0]).setMaxTime(range[1]).build() : null;
  }

  private static boolean set(Chunk chunk, long[] deleted, long[] range, java.util.function.Consumer<Chunk> sink) {
    if (chunk.getType() != Chunk.Encoding.XOR) {
      return false; // histogram chunks crossing a deleted range are hidden whole
    }
    XorIterator it = new XorIterator(chunk.getData().toByteArray());
    XorChunkWriter w = new XorChunkWriter();
    while (it.next()) {
      long t = it.atT();
      if (!inside(t, deleted)) {
        w.append(t, it.atV());
      }
    }
    if (w.numSamples() == 0) {
      return false;
    }
    range[0] = Math.min(range[0], w.minTime());
    range[1] = Math.max(range[1], w.maxTime());
    sink.accept(Chunk.newBuilder().setType(Chunk.Encoding.XOR)
        .setData(com.google.protobuf.ByteString.copyFrom(w.bytes())).build());
    return true;
  }

  private static boolean inside(long t, long[] deleted) {
    for (int i = 0; i < deleted.length; i += 2) {
      if (t >= deleted[i] && t <= deleted[i + 1]) {
        return true;
      }
    }
    return false;
  }
}
