package io.thanosjvm.server.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Records the go-grpc-prometheus server families Thanos dashboards use:
 * {@code grpc_server_started_total}, {@code grpc_server_handled_total{grpc_code,...}},
 * {@code grpc_server_msg_received_total}, {@code grpc_server_msg_sent_total} and the
 * {@code grpc_server_handling_seconds} histogram, labelled by grpc_service, grpc_method and grpc_type.
 */
public final class GrpcServerMetricsInterceptor implements ServerInterceptor {

  static final Duration[] BUCKETS = {
      Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
      Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

  private final MeterRegistry registry;

  /** An interceptor recording into {@code registry}. */
  public GrpcServerMetricsInterceptor(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Tags tags = GrpcMethodLabels.of(call.getMethodDescriptor());
    long start = System.nanoTime();
    registry.counter("grpc_server_started", tags).increment();
    Counter received = registry.counter("grpc_server_msg_received", tags);
    Counter sent = registry.counter("grpc_server_msg_sent", tags);
    ServerCall<Q, R> counting = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
      @Override
      public void sendMessage(R message) {
        sent.increment();
        super.sendMessage(message);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        registry.counter("grpc_server_handled", tags.and("grpc_code", GrpcMethodLabels.code(status.getCode()))).increment();
        Timer.builder("grpc_server_handling").tags(tags)
            .serviceLevelObjectives(BUCKETS)
            .register(registry)
            .record(Duration.ofNanos(System.nanoTime() - start));
        super.close(status, trailers);
      }
    };
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(counting, headers)) {
      @Override
      public void onMessage(Q message) {
        received.increment();
        super.onMessage(message);
      }
    };
  }
}
