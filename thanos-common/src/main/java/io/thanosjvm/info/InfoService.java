package io.thanosjvm.info;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.thanosjvm.wire.infopb.InfoGrpc;
import io.thanosjvm.wire.infopb.InfoRequest;
import io.thanosjvm.wire.infopb.InfoResponse;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /thanos.info.Info/Info}: answers with the component's current InfoResponse, or {@code Unavailable}
 * while it is not ready (a querier then keeps the endpoint out of its store set).
 */
public final class InfoService extends InfoGrpc.InfoImplBase {

  private final Supplier<Optional<InfoResponse>> info;

  /** A service answering with {@code info}, empty meaning "not ready". */
  public InfoService(Supplier<Optional<InfoResponse>> info) {
    this.info = info;
  }

  @Override
  public void info(InfoRequest request, StreamObserver<InfoResponse> out) {
    Optional<InfoResponse> current = info.get();
    if (current.isEmpty()) {
      out.onError(Status.UNAVAILABLE.withDescription("not ready").asRuntimeException());
      return;
    }
    out.onNext(current.get());
    out.onCompleted();
  }
}
