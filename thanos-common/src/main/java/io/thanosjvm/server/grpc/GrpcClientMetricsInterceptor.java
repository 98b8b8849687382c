package io.thanosjvm.server.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Records the go-grpc-prometheus client families: {@code grpc_client_started_total},
 * {@code grpc_client_handled_total{grpc_code,...}}, {@code grpc_client_msg_received_total},
 * {@code grpc_client_msg_sent_total} and the {@code grpc_client_handling_seconds} histogram.
 */
public final class GrpcClientMetricsInterceptor implements ClientInterceptor {

  private final MeterRegistry registry;

  /** An interceptor recording into {@code registry}. */
  public GrpcClientMetricsInterceptor(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    Tags tags = GrpcMethodLabels.of(method);
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      private final long start = System.nanoTime();

      @Override
      public void start(Listener<R> listener, Metadata headers) {
        registry.counter("grpc_client_started", tags).increment();
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onMessage(R message) {
            registry.counter("grpc_client_msg_received", tags).increment();
            super.onMessage(message);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            registry.counter("grpc_client_handled", tags.and("grpc_code", GrpcMethodLabels.code(status.getCode()))).increment();
            Timer.builder("grpc_client_handling").tags(tags)
                .serviceLevelObjectives(GrpcServerMetricsInterceptor.BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - start));
            super.onClose(status, trailers);
          }
        }, headers);
      }

      @Override
      public void sendMessage(Q message) {
        registry.counter("grpc_client_msg_sent", tags).increment();
        super.sendMessage(message);
      }
    };
  }
}
