package io.thanosjvm.store.bucket;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Calls a StoreAPI service method directly and collects its answer or its error status. */
final class StoreCalls {

  private StoreCalls() {}

  /** What a call answered. */
  record Answer<T>(List<T> messages, Status error) {
    List<T> ok() {
      if (error != null) {
        throw error.asRuntimeException();
      }
      return messages;
    }
  }

  static <T> Answer<T> call(Consumer<StreamObserver<T>> invoke) {
    List<T> out = new ArrayList<>();
    Status[] err = new Status[1];
    boolean[] done = new boolean[1];
    invoke.accept(new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        out.add(value);
      }

      @Override
      public void onError(Throwable t) {
        err[0] = t instanceof StatusRuntimeException s ? s.getStatus() : Status.fromThrowable(t);
      }

      @Override
      public void onCompleted() {
        done[0] = true;
      }
    });
    if (err[0] == null && !done[0]) {
      throw new AssertionError("call neither completed nor failed");
    }
    return new Answer<>(out, err[0]);
  }
}
