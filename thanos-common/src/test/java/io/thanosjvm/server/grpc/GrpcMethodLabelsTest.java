package io.thanosjvm.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.thanosjvm.wire.storepb.StoreGrpc;
import org.junit.jupiter.api.Test;

class GrpcMethodLabelsTest {

  @Test
  void grpcCodesAreSpelledAsGoSpellsThem() {
    assertThat(GrpcMethodLabels.code(Status.Code.OK)).isEqualTo("OK");
    assertThat(GrpcMethodLabels.code(Status.Code.RESOURCE_EXHAUSTED)).isEqualTo("ResourceExhausted");
    assertThat(GrpcMethodLabels.code(Status.Code.CANCELLED)).isEqualTo("Canceled");
    assertThat(GrpcMethodLabels.code(Status.Code.DEADLINE_EXCEEDED)).isEqualTo("DeadlineExceeded");
  }

  @Test
  void methodLabelsFollowGoGrpcPrometheus() {
    MethodDescriptor<?, ?> series = StoreGrpc.getSeriesMethod();
    assertThat(GrpcMethodLabels.of(series).stream().map(t -> t.getKey() + "=" + t.getValue()))
        .containsExactlyInAnyOrder("grpc_service=thanos.Store", "grpc_method=Series", "grpc_type=server_stream");
  }
}
