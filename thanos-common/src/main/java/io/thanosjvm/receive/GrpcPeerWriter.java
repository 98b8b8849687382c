package io.thanosjvm.receive;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import io.thanosjvm.receive.hashring.Endpoint;
import io.thanosjvm.server.grpc.SnappyCodec;
import io.thanosjvm.wire.storepb.WriteRequest;
import io.thanosjvm.wire.storepb.WriteResponse;
import io.thanosjvm.wire.storepb.WriteableStoreGrpc;
import io.thanosjvm.wire.storepb.prompb.TimeSeries;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Forwards over gRPC, one plaintext channel per peer address (kept open, reconnecting by itself), each call with
 * the forward timeout ({@code --receive-forward-timeout}) and, unless disabled, {@code snappy} compression
 * ({@code --receive.grpc-compression}). The peer's gRPC status becomes Thanos' error cause: {@code AlreadyExists}
 * a conflict, {@code InvalidArgument} a validation error, {@code ResourceExhausted} a limit, {@code Unavailable}
 * and deadlines an unavailable target.
 */
public final class GrpcPeerWriter implements PeerWriter {

  private final Duration timeout;
  private final String compression;
  private final ConcurrentHashMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  /**
   * A writer.
   *
   * @param compression {@code snappy} or {@code none}
   */
  public GrpcPeerWriter(Duration timeout, String compression) {
    this.timeout = timeout;
    this.compression = "none".equals(compression) ? null : compression;
  }

  @Override
  public CompletableFuture<Void> write(Endpoint peer, String tenant, int replica, List<TimeSeries> series) {
    ManagedChannel ch = channels.computeIfAbsent(peer.address(), a -> NettyChannelBuilder.forTarget(a).usePlaintext()
        .compressorRegistry(SnappyCodec.compressorRegistry())
        .decompressorRegistry(SnappyCodec.decompressorRegistry())
        .maxInboundMessageSize(Integer.MAX_VALUE).build());
    WriteableStoreGrpc.WriteableStoreStub stub = WriteableStoreGrpc.newStub(ch)
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (compression != null) {
      stub = stub.withCompression(compression);
    }
    WriteRequest req = WriteRequest.newBuilder().setTenant(tenant).setReplica(replica + 1L)
        .addAllTimeseries(series).build();
    CompletableFuture<Void> done = new CompletableFuture<>();
    stub.remoteWrite(req, new StreamObserver<WriteResponse>() {
      @Override
      public void onNext(WriteResponse value) {
        // empty answer
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(toWriteException(peer, Status.fromThrowable(t)));
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    });
    return done;
  }

  /** Thanos' error cause for a peer's gRPC status. */
  static WriteException toWriteException(Endpoint peer, Status s) {
    WriteErrorCause cause = switch (s.getCode()) {
      case ALREADY_EXISTS -> WriteErrorCause.CONFLICT;
      case INVALID_ARGUMENT -> WriteErrorCause.VALIDATION;
      case RESOURCE_EXHAUSTED -> WriteErrorCause.LIMITED;
      case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED -> WriteErrorCause.UNAVAILABLE;
      case FAILED_PRECONDITION -> WriteErrorCause.NOT_READY;
      default -> WriteErrorCause.INTERNAL;
    };
    return new WriteException(cause, "forwarding to " + peer.address() + ": " + s.getCode()
        + (s.getDescription() == null ? "" : ": " + s.getDescription()));
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    channels.clear();
  }
}
