package io.thanosjvm.store.prometheus;

import io.grpc.stub.StreamObserver;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.store.ExternalLabels;
import io.thanosjvm.store.ShardMatcher;
import io.thanosjvm.store.StoreRequestException;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.wire.prompb.ChunkedSeries;
import io.thanosjvm.wire.prompb.Query;
import io.thanosjvm.wire.prompb.ReadHints;
import io.thanosjvm.wire.prompb.ReadRequest;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
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
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The sidecar's {@code thanos.Store}: Series through Prometheus' streamed remote read with chunks passed
 * through unchanged (on-disk XOR encoding 1 becomes wire encoding 0), external labels decided and attached
 * here, LabelNames/LabelValues through Prometheus' HTTP API. Series come out sorted by label set.
 */
public final class PrometheusStore extends StoreGrpc.StoreImplBase {

  private final PrometheusClient prometheus;
  private final Supplier<Labels> externalLabels;

  /**
   * A store over {@code prometheus}.
   *
   * @param externalLabels the current external labels (re-read from Prometheus' configuration periodically)
   */
  public PrometheusStore(PrometheusClient prometheus, Supplier<Labels> externalLabels) {
    this.prometheus = prometheus;
    this.externalLabels = externalLabels;
  }

  /** A store whose external labels come from the sidecar's refreshed view of Prometheus. */
  public static PrometheusStore forSidecar(PrometheusClient prometheus, PrometheusSidecarState state) {
    return new PrometheusStore(prometheus, state::servingExternalLabels);
  }

  @Override
  public void series(SeriesRequest request, StreamObserver<SeriesResponse> out) {
    try {
      ExternalLabels ext = new ExternalLabels(externalLabels.get());
      Optional<List<Matcher>> matchers = ext.remainingMatchers(WireMatchers.fromStore(request.getMatchersList()));
      if (matchers.isPresent()) {
        // the series API answers in no particular order; remote read sorts by the series' own labels
        SeriesSink sink = new SeriesSink(out, ext, request.getWithoutReplicaLabelsList(), request.getLimit(),
            !request.getSkipChunks(), ShardMatcher.of(request));
        if (request.getSkipChunks()) {
          for (Labels l : prometheus.series(request.getMinTime(), request.getMaxTime(), matchers.get())) {
            if (!sink.add(l, List.of())) {
              break;
            }
          }
        } else {
          prometheus.streamedRead(readRequest(request, matchers.get()),
              frame -> {
                for (ChunkedSeries cs : frame.getChunkedSeriesList()) {
                  if (!sink.add(labels(cs), aggrChunks(cs))) {
                    return false;
                  }
                }
                return true;
              });
        }
        sink.finish();
      }
      out.onCompleted();
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
    }
  }

  @Override
  public void labelNames(LabelNamesRequest request, StreamObserver<LabelNamesResponse> out) {
    try {
      ExternalLabels ext = new ExternalLabels(externalLabels.get());
      List<Matcher> matchers = WireMatchers.fromStore(request.getMatchersList());
      TreeSet<String> names = new TreeSet<>(io.thanosjvm.model.Utf8Order.COMPARATOR);
      if (ext.compatibleWith(matchers)) {
        names.addAll(prometheus.labelNames(request.getStart(), request.getEnd(), dataMatchers(ext, matchers)));
        // external labels belong to series: no series, no names (as Thanos' sidecar answers)
        if (!names.isEmpty()) {
          for (int i = 0; i < ext.labels().size(); i++) {
            names.add(ext.labels().name(i));
          }
        }
        request.getWithoutReplicaLabelsList().forEach(names::remove);
      }
      out.onNext(LabelNamesResponse.newBuilder().addAllNames(limit(names, request.getLimit())).build());
      out.onCompleted();
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
    }
  }

  @Override
  public void labelValues(LabelValuesRequest request, StreamObserver<LabelValuesResponse> out) {
    try {
      if (request.getLabel().isEmpty()) {
        throw StoreRequestException.invalidArgument("label name parameter cannot be empty");
      }
      ExternalLabels ext = new ExternalLabels(externalLabels.get());
      List<Matcher> matchers = WireMatchers.fromStore(request.getMatchersList());
      TreeSet<String> values = new TreeSet<>(io.thanosjvm.model.Utf8Order.COMPARATOR);
      String external = ext.labels().get(request.getLabel());
      if (ext.compatibleWith(matchers) && !request.getWithoutReplicaLabelsList().contains(request.getLabel())) {
        if (!external.isEmpty()) {
          values.add(external);
        } else {
          values.addAll(prometheus.labelValues(request.getLabel(), request.getStart(), request.getEnd(),
              dataMatchers(ext, matchers)));
        }
      }
      out.onNext(LabelValuesResponse.newBuilder().addAllValues(limit(values, request.getLimit())).build());
      out.onCompleted();
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
    }
  }

  private static List<Matcher> dataMatchers(ExternalLabels ext, List<Matcher> matchers) {
    List<Matcher> out = new ArrayList<>();
    for (Matcher m : matchers) {
      if (!ext.labels().has(m.name())) {
        out.add(m);
      }
    }
    return out;
  }

  private static List<String> limit(TreeSet<String> values, long limit) {
    List<String> all = new ArrayList<>(values);
    return limit > 0 && all.size() > limit ? all.subList(0, (int) limit) : all;
  }

  private static ReadRequest readRequest(SeriesRequest request, List<Matcher> matchers) {
    Query.Builder q = Query.newBuilder()
        .setStartTimestampMs(request.getMinTime())
        .setEndTimestampMs(request.getMaxTime())
        // Prometheus selects data inside blocks by the hints' range when hints are present: fill both.
        .setHints(ReadHints.newBuilder().setStartMs(request.getMinTime()).setEndMs(request.getMaxTime())
            .setStepMs(request.getQueryHints().getStepMillis())
            .setFunc(request.getQueryHints().getFunc().getName())
            .setRangeMs(request.getQueryHints().getRange().getMillis()));
    matchers.forEach(m -> q.addMatchers(WireMatchers.toPrometheus(m)));
    return ReadRequest.newBuilder().addQueries(q)
        .addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS)
        .addAcceptedResponseTypes(ReadRequest.ResponseType.SAMPLES).build();
  }

  private static Labels labels(ChunkedSeries cs) {
    Labels.Builder b = Labels.builder();
    cs.getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
    return b.build();
  }

  private static List<AggrChunk> aggrChunks(ChunkedSeries cs) {
    List<AggrChunk> out = new ArrayList<>(cs.getChunksCount());
    for (io.thanosjvm.wire.prompb.Chunk c : cs.getChunksList()) {
      Chunk.Encoding enc = switch (c.getType()) {
        case XOR -> Chunk.Encoding.XOR;
        case HISTOGRAM -> Chunk.Encoding.HISTOGRAM;
        default -> throw StoreRequestException.internal("prometheus sent a chunk of unknown encoding "
            + c.getTypeValue(), null);
      };
      out.add(AggrChunk.newBuilder().setMinTime(c.getMinTimeMs()).setMaxTime(c.getMaxTimeMs())
          .setRaw(Chunk.newBuilder().setType(enc).setData(c.getData())).build());
    }
    return out;
  }

  /**
   * Hands series to the gRPC stream in label order, merging a series split across frames. Prometheus sorts by
   * the series' own labels only (and the series API not at all): attaching external labels or dropping replica
   * labels can change the order (e.g. {@code {a="1"}} sorts after {@code {}} but {@code {a="1",region="x"}}
   * before {@code {region="x"}}), so then the answer is collected, sorted, merged and cut at the limit before
   * sending, as Thanos' sidecar does.
   */
  private static final class SeriesSink {
    private final StreamObserver<SeriesResponse> out;
    private final ExternalLabels ext;
    private final List<String> drop;
    private final long limit;
    private final boolean buffer;
    private final ShardMatcher shard;
    private final List<Pending> buffered = new ArrayList<>();
    private Labels pendingLabels;
    private Series.Builder pending;
    private long emitted;

    private record Pending(Labels labels, Series.Builder series) {}

    SeriesSink(StreamObserver<SeriesResponse> out, ExternalLabels ext, List<String> drop, long limit,
        boolean sortedSource, ShardMatcher shard) {
      this.out = out;
      this.shard = shard;
      this.ext = ext;
      this.drop = drop;
      this.limit = limit;
      this.buffer = !sortedSource || !drop.isEmpty() || !ext.labels().isEmpty();
    }

    /**
     * Adds a series part; false once the limit is reached (only when streaming straight through). Series outside
     * the request's shard are dropped here.
     */
    boolean add(Labels raw, List<AggrChunk> chunks) {
      Labels l = ext.attachTo(raw, drop);
      if (!shard.matches(l)) {
        return true;
      }
      if (pending != null && l.equals(pendingLabels)) {
        pending.addAllChunks(chunks);
        return true;
      }
      flushPending();
      if (!buffer && limit > 0 && emitted >= limit) {
        return false;
      }
      pendingLabels = l;
      pending = Series.newBuilder().addAllChunks(chunks);
      return true;
    }

    private void flushPending() {
      if (pending == null) {
        return;
      }
      if (buffer) {
        buffered.add(new Pending(pendingLabels, pending));
      } else {
        send(pendingLabels, pending);
      }
      pending = null;
    }

    void finish() {
      flushPending();
      if (!buffer) {
        return;
      }
      buffered.sort((a, b) -> a.labels().compareTo(b.labels()));
      Pending merged = null;
      for (Pending p : buffered) {
        if (merged != null && merged.labels().equals(p.labels())) {
          merged.series().addAllChunks(p.series().getChunksList());
          continue;
        }
        if (merged != null && !send(merged.labels(), merged.series())) {
          return;
        }
        merged = p;
      }
      if (merged != null) {
        send(merged.labels(), merged.series());
      }
    }

    /** Sends one series unless the limit is reached; false when it is. */
    private boolean send(Labels labels, Series.Builder series) {
      if (limit > 0 && emitted >= limit) {
        return false;
      }
      labels.forEach(x -> series.addLabels(io.thanosjvm.wire.labelpb.Label.newBuilder().setName(x.name())
          .setValue(x.value())));
      out.onNext(SeriesResponse.newBuilder().setSeries(series).build());
      emitted++;
      return true;
    }
  }
}
