package io.thanosjvm.query.proxy;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.query.endpoint.StoreEndpoint;
import io.thanosjvm.store.ShardMatcher;
import io.thanosjvm.store.StoreRequestException;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelNamesResponse;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.LabelValuesResponse;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code thanos.Store} over the querier's stores: fan-out, sorted k-way merge, partial response.
 */
public final class ProxyStore extends StoreGrpc.StoreImplBase {

  private final Supplier<List<StoreEndpoint>> stores;
  private final Executor executor;
  private final Duration requestTimeout;

  /**
   * A proxy over {@code stores}.
   *
   * @param executor runs one reader per selected store and request
   * @param requestTimeout deadline of each fanned-out call
   */
  public ProxyStore(Supplier<List<StoreEndpoint>> stores, Executor executor, Duration requestTimeout) {
    this.stores = stores;
    this.executor = executor;
    this.requestTimeout = requestTimeout;
  }

  @Override
  public void series(SeriesRequest request, StreamObserver<SeriesResponse> out) {
    List<Matcher> matchers;
    try {
      matchers = WireMatchers.fromStore(request.getMatchersList());
      if (matchers.isEmpty()) {
        throw StoreRequestException.invalidArgument("no matchers specified");
      }
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
      return;
    }
    boolean abort = request.getPartialResponseStrategy() == PartialResponseStrategy.ABORT
        || request.getPartialResponseDisabled();
    List<StoreStream> streams = new ArrayList<>();
    List<StoreEndpoint> selected = selected(request.getMinTime(), request.getMaxTime(), matchers);
    for (StoreEndpoint s : selected) {
      StoreStream stream = new StoreStream(s);
      List<String> stripHere = s.supportsWithoutReplicaLabels() ? List.of() : request.getWithoutReplicaLabelsList();
      ShardMatcher shardHere = s.supportsSharding() ? ShardMatcher.ALL : ShardMatcher.of(request);
      if (selected.size() == 1 && stripHere.isEmpty() && !shardHere.sharded()) {
        stream.startInline(request, requestTimeout.toMillis()); // nothing to overlap: read in this thread
      } else {
        stream.start(request, stripHere, shardHere, requestTimeout.toMillis(), executor);
      }
      streams.add(stream);
    }
    if (out instanceof ServerCallStreamObserver<SeriesResponse> call) {
      call.setOnCancelHandler(() -> streams.forEach(StoreStream::cancel));
    }
    try {
      merge(streams, abort, request.getLimit(), out);
      out.onCompleted();
    } catch (StoreFailure f) {
      streams.forEach(StoreStream::cancel);
      out.onError(f.status.asRuntimeException());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      streams.forEach(StoreStream::cancel);
      out.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
    }
  }

  private record Head(Labels labels, Series series, StoreStream source) {}

  private static final class StoreFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Status status;

    StoreFailure(Status status) {
      super(status.getDescription(), null, false, false);
      this.status = status;
    }
  }

  private static void merge(List<StoreStream> streams, boolean abort, long limit, StreamObserver<SeriesResponse> out)
      throws StoreFailure, InterruptedException {
    PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::labels));
    for (StoreStream s : streams) {
      advance(s, heads, abort, out);
    }
    long sent = 0;
    while (!heads.isEmpty()) {
      Head first = heads.poll();
      List<Series> parts = new ArrayList<>();
      parts.add(first.series());
      advance(first.source(), heads, abort, out);
      while (!heads.isEmpty() && heads.peek().labels().equals(first.labels())) {
        Head same = heads.poll();
        parts.add(same.series());
        advance(same.source(), heads, abort, out);
      }
      if (limit > 0 && sent >= limit) {
        streams.forEach(StoreStream::cancel);
        return;
      }
      out.onNext(SeriesResponse.newBuilder().setSeries(SeriesMerge.merge(parts)).build());
      sent++;
    }
  }

  /** Pulls the next series of {@code s} into the heap, passing warnings on and handling failures. */
  private static void advance(StoreStream s, PriorityQueue<Head> heads, boolean abort,
      StreamObserver<SeriesResponse> out) throws StoreFailure, InterruptedException {
    while (true) {
      StoreStream.Item item = s.take();
      if (item.error() != null) {
        Status st = item.error().getStatus();
        String msg = "store " + s.store().address() + ": " + st.getCode() + ": " + st.getDescription();
        if (abort) {
          throw new StoreFailure(st.withDescription(msg));
        }
        out.onNext(SeriesResponse.newBuilder().setWarning(msg).build());
        return;
      }
      if (item.end()) {
        return;
      }
      if (item.warning() != null) {
        if (abort) {
          throw new StoreFailure(Status.ABORTED.withDescription("store " + s.store().address() + ": "
              + item.warning()));
        }
        out.onNext(SeriesResponse.newBuilder().setWarning(item.warning()).build());
        continue;
      }
      heads.add(new Head(item.labels(), item.series(), s));
      return;
    }
  }

  private List<StoreEndpoint> selected(long min, long max, List<Matcher> matchers) {
    List<StoreEndpoint> out = new ArrayList<>();
    for (StoreEndpoint s : stores.get()) {
      if (s.overlaps(min, max) && s.matches(matchers)) {
        out.add(s);
      }
    }
    return out;
  }

  @Override
  public void labelNames(LabelNamesRequest request, StreamObserver<LabelNamesResponse> out) {
    try {
      List<Matcher> matchers = WireMatchers.fromStore(request.getMatchersList());
      boolean abort = request.getPartialResponseStrategy() == PartialResponseStrategy.ABORT
          || request.getPartialResponseDisabled();
      TreeSet<String> names = new TreeSet<>(io.thanosjvm.model.Utf8Order.COMPARATOR);
      LabelNamesResponse.Builder resp = LabelNamesResponse.newBuilder();
      for (StoreEndpoint s : selected(request.getStart(), request.getEnd(), matchers)) {
        try {
          LabelNamesResponse r = StoreGrpc.newBlockingStub(s.stub().getChannel())
              .withDeadlineAfter(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).labelNames(request);
          names.addAll(r.getNamesList());
          resp.addAllWarnings(r.getWarningsList());
        } catch (io.grpc.StatusRuntimeException e) {
          if (abort) {
            throw e;
          }
          resp.addWarnings("store " + s.address() + ": " + e.getStatus());
        }
      }
      out.onNext(resp.addAllNames(names).build());
      out.onCompleted();
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
    } catch (io.grpc.StatusRuntimeException e) {
      out.onError(e);
    }
  }

  @Override
  public void labelValues(LabelValuesRequest request, StreamObserver<LabelValuesResponse> out) {
    try {
      List<Matcher> matchers = WireMatchers.fromStore(request.getMatchersList());
      boolean abort = request.getPartialResponseStrategy() == PartialResponseStrategy.ABORT
          || request.getPartialResponseDisabled();
      TreeSet<String> values = new TreeSet<>(io.thanosjvm.model.Utf8Order.COMPARATOR);
      LabelValuesResponse.Builder resp = LabelValuesResponse.newBuilder();
      for (StoreEndpoint s : selected(request.getStart(), request.getEnd(), matchers)) {
        try {
          LabelValuesResponse r = StoreGrpc.newBlockingStub(s.stub().getChannel())
              .withDeadlineAfter(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).labelValues(request);
          values.addAll(r.getValuesList());
          resp.addAllWarnings(r.getWarningsList());
        } catch (io.grpc.StatusRuntimeException e) {
          if (abort) {
            throw e;
          }
          resp.addWarnings("store " + s.address() + ": " + e.getStatus());
        }
      }
      out.onNext(resp.addAllValues(values).build());
      out.onCompleted();
    } catch (StoreRequestException e) {
      out.onError(e.status().asRuntimeException());
    } catch (io.grpc.StatusRuntimeException e) {
      out.onError(e);
    }
  }
}
