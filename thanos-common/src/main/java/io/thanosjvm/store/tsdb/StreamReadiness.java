package io.thanosjvm.store.tsdb;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a server stream's outbound buffer bounded: before each message the sending thread waits while the
 * transport says the stream is not ready (the client reads slower than we encode), polling briefly because the
 * ready callback would be delivered on the very call executor this thread occupies. Stops waiting when the call
 * is cancelled.
 */
final class StreamReadiness {

  private static final long POLL_NANOS = 200_000;

  private final ServerCallStreamObserver<?> call;

  StreamReadiness(StreamObserver<?> out) {
    this.call = out instanceof ServerCallStreamObserver<?> c ? c : null;
  }

  /** Waits until the stream accepts more; false when the call was cancelled meanwhile. */
  boolean awaitReady() {
    if (call == null) {
      return true;
    }
    while (!call.isReady()) {
      if (call.isCancelled() || Thread.currentThread().isInterrupted()) {
        return false;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    return !call.isCancelled();
  }
}
