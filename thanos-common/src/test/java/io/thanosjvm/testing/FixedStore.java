package io.thanosjvm.testing;

import com.google.protobuf.ByteString;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.infopb.StoreInfo;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.labelpb.ZLabelSet;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A test double of a StoreAPI server (real gRPC on 127.0.0.1) serving a fixed set of series with opaque chunk
 * bytes: used to test the querier's fan-out and merge logic, where no real store is needed to decide the
 * outcome. Real stores are tested against real peers elsewhere.
 */
public final class FixedStore implements AutoCloseable {

  private final TreeMap<Labels, List<AggrChunk>> series = new TreeMap<>();
  private final Labels externalLabels;
  private final long minTime;
  private final long maxTime;
  private final boolean supportsWithoutReplicaLabels;
  private volatile Status failWith;
  private Server server;

  /** A store with these external labels and time range. */
  public FixedStore(Labels externalLabels, long minTime, long maxTime, boolean supportsWithoutReplicaLabels) {
    this.externalLabels = externalLabels;
    this.minTime = minTime;
    this.maxTime = maxTime;
    this.supportsWithoutReplicaLabels = supportsWithoutReplicaLabels;
  }

  /** Adds a series (external labels are merged in) with chunks given as (min, max, payload) triples. */
  public FixedStore add(Labels labels, Object... chunkTriples) {
    List<AggrChunk> chunks = new ArrayList<>();
    for (int i = 0; i < chunkTriples.length; i += 3) {
      chunks.add(chunk((Long) chunkTriples[i], (Long) chunkTriples[i + 1], (String) chunkTriples[i + 2], 0));
    }
    Labels.Builder b = labels.toBuilder();
    externalLabels.forEach(l -> b.set(l.name(), l.value()));
    series.put(b.build(), chunks);
    return this;
  }

  /** Adds a series (external labels are merged in) with ready-made chunks, e.g. real XOR chunk bytes. */
  public FixedStore addChunks(Labels labels, List<AggrChunk> chunks) {
    Labels.Builder b = labels.toBuilder();
    externalLabels.forEach(l -> b.set(l.name(), l.value()));
    series.put(b.build(), List.copyOf(chunks));
    return this;
  }

  /** A raw chunk with an opaque payload and an optional hash. */
  public static AggrChunk chunk(long min, long max, String payload, long hash) {
    return AggrChunk.newBuilder().setMinTime(min).setMaxTime(max)
        .setRaw(Chunk.newBuilder().setType(Chunk.Encoding.XOR).setData(ByteString.copyFromUtf8(payload))
            .setHash(hash)).build();
  }

  /** Makes every Series call fail with {@code status} (null to recover). */
  public void failWith(Status status) {
    this.failWith = status;
  }

  /** Starts serving on a free loopback port. */
  public FixedStore start() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new Store()).addService(new InfoService(this::info)).build().start();
    return this;
  }

  /** {@code 127.0.0.1:port}. */
  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  private Optional<InfoResponse> info() {
    ZLabelSet.Builder set = ZLabelSet.newBuilder();
    externalLabels.forEach(l -> set.addLabels(Label.newBuilder().setName(l.name()).setValue(l.value())));
    return Optional.of(InfoResponse.newBuilder().addLabelSets(set).setComponentType("store")
        .setStore(StoreInfo.newBuilder().setMinTime(minTime).setMaxTime(maxTime)
            .setSupportsWithoutReplicaLabels(supportsWithoutReplicaLabels)).build());
  }

  private final class Store extends StoreGrpc.StoreImplBase {
    @Override
    public void series(SeriesRequest request, StreamObserver<SeriesResponse> out) {
      if (failWith != null) {
        out.onError(failWith.asRuntimeException());
        return;
      }
      List<Matcher> matchers = WireMatchers.fromStore(request.getMatchersList());
      List<Series> result = new ArrayList<>();
      series.forEach((labels, chunks) -> {
        if (matchers.stream().allMatch(m -> m.matches(labels))) {
          Labels l = supportsWithoutReplicaLabels ? labels.without(request.getWithoutReplicaLabelsList()) : labels;
          Series.Builder s = Series.newBuilder();
          l.forEach(x -> s.addLabels(Label.newBuilder().setName(x.name()).setValue(x.value())));
          for (AggrChunk c : chunks) {
            if (c.getMaxTime() >= request.getMinTime() && c.getMinTime() <= request.getMaxTime()) {
              s.addChunks(c);
            }
          }
          result.add(s.build());
        }
      });
      result.sort((a, b) -> labels(a).compareTo(labels(b)));
      result.forEach(s -> out.onNext(SeriesResponse.newBuilder().setSeries(s).build()));
      out.onCompleted();
    }
  }

  private static Labels labels(Series s) {
    Labels.Builder b = Labels.builder();
    s.getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
    return b.build();
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdownNow();
    }
  }
}
