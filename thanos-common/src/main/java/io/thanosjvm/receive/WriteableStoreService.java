package io.thanosjvm.receive;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.thanosjvm.wire.storepb.WriteRequest;
import io.thanosjvm.wire.storepb.WriteResponse;
import io.thanosjvm.wire.storepb.WriteableStoreGrpc;

/**
 * {@code thanos.WriteableStore/RemoteWrite}, the receiving side of receiver-to-receiver forwarding: the request's
 * tenant (the default tenant when empty) and replica go through the same {@link ReceiveRouter} as HTTP writes
 * (a replicated request is stored, not replicated again); failures answer with the gRPC status Thanos uses for
 * their cause ({@code AlreadyExists} for conflicts, {@code InvalidArgument}, {@code ResourceExhausted}, {@code
 * Unavailable}, {@code Internal}), which the sender maps back.
 */
public final class WriteableStoreService extends WriteableStoreGrpc.WriteableStoreImplBase {

  private final ReceiveRouter router;
  private final String defaultTenant;

  /** A service writing through {@code router}. */
  public WriteableStoreService(ReceiveRouter router, String defaultTenant) {
    this.router = router;
    this.defaultTenant = defaultTenant;
  }

  @Override
  public void remoteWrite(WriteRequest request, StreamObserver<WriteResponse> out) {
    try {
      String tenant = Tenants.resolve(request.getTenant(), defaultTenant);
      router.write(tenant, request.getReplica(), request.getTimeseriesList());
      out.onNext(WriteResponse.getDefaultInstance());
      out.onCompleted();
    } catch (WriteException e) {
      out.onError(status(e.writeCause()).withDescription(e.getMessage()).asRuntimeException());
    } catch (RuntimeException e) {
      out.onError(Status.INTERNAL.withDescription(e.toString()).asRuntimeException());
    }
  }

  /** The gRPC status of a cause. */
  static Status status(WriteErrorCause cause) {
    return switch (cause) {
      case CONFLICT -> Status.ALREADY_EXISTS;
      case VALIDATION, BAD_REPLICA -> Status.INVALID_ARGUMENT;
      case LIMITED, TOO_LARGE -> Status.RESOURCE_EXHAUSTED;
      case NOT_READY -> Status.FAILED_PRECONDITION;
      case UNAVAILABLE -> Status.UNAVAILABLE;
      case UNSUPPORTED, INTERNAL -> Status.INTERNAL;
    };
  }
}
