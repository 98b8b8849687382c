package io.thanosjvm.query;

import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Calls a gRPC service implementation in-process (e.g. the querier's own proxy store) and collects its
 * answer, waiting until the stream completes.
 */
public final class InProcessCall {

  private InProcessCall() {}

  /**
   * Every message the call sends, in order.
   *
   * @throws ExecutionException carrying the stream's error (usually a {@code StatusRuntimeException})
   */
  public static <T> List<T> collect(Consumer<StreamObserver<T>> call)
      throws ExecutionException, InterruptedException {
    List<T> out = new ArrayList<>();
    stream(call, out::add);
    return out;
  }

  /**
   * Hands every message the call sends to {@code each}, in order, without keeping them (for answers computed
   * while the stream flows).
   *
   * @throws ExecutionException carrying the stream's error (usually a {@code StatusRuntimeException})
   */
  public static <T> void stream(Consumer<StreamObserver<T>> call, Consumer<T> each)
      throws ExecutionException, InterruptedException {
    CompletableFuture<Void> done = new CompletableFuture<>();
    call.accept(new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        each.accept(value);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    });
    done.get();
  }
}
