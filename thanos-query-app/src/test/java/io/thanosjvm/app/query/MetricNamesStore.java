package io.thanosjvm.app.query;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.infopb.StoreInfo;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelNamesResponse;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.LabelValuesResponse;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * A StoreAPI double (real gRPC on 127.0.0.1) that only knows metric names: {@code LabelValues("__name__")}
 * answers them, Series answers nothing. {@code FixedStore} does not serve label values, and the UI's metric-name
 * completion needs a store that does; what the page does with the names is what the test decides.
 */
final class MetricNamesStore implements AutoCloseable {

  private final List<String> names;
  private Server server;

  MetricNamesStore(List<String> names) {
    this.names = List.copyOf(names);
  }

  MetricNamesStore start() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new Store()).addService(new InfoService(() -> Optional.of(InfoResponse.newBuilder()
            .setComponentType("store").setStore(StoreInfo.newBuilder().setMinTime(0).setMaxTime(3_600_000))
            .build()))).build().start();
    return this;
  }

  String address() {
    return "127.0.0.1:" + server.getPort();
  }

  @Override
  public void close() {
    if (server != null) {
      server.shutdownNow();
    }
  }

  private final class Store extends StoreGrpc.StoreImplBase {
    @Override
    public void series(SeriesRequest request, StreamObserver<SeriesResponse> out) {
      out.onCompleted();
    }

    @Override
    public void labelNames(LabelNamesRequest request, StreamObserver<LabelNamesResponse> out) {
      out.onNext(LabelNamesResponse.newBuilder().addNames("__name__").build());
      out.onCompleted();
    }

    @Override
    public void labelValues(LabelValuesRequest request, StreamObserver<LabelValuesResponse> out) {
      LabelValuesResponse.Builder r = LabelValuesResponse.newBuilder();
      if (request.getLabel().equals("__name__")) {
        r.addAllValues(names);
      }
      out.onNext(r.build());
      out.onCompleted();
    }
  }
}
