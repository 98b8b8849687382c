package io.thanosjvm.server.grpc;

import io.grpc.MethodDescriptor;
import io.micrometer.core.instrument.Tags;

/** The {@code grpc_service}, {@code grpc_method} and {@code grpc_type} labels of go-grpc-prometheus. */
final class GrpcMethodLabels {

  private GrpcMethodLabels() {}

  static Tags of(MethodDescriptor<?, ?> method) {
    String service = MethodDescriptor.extractFullServiceName(method.getFullMethodName());
    String name = method.getBareMethodName();
    return Tags.of("grpc_service", service == null ? "unknown" : service,
        "grpc_method", name == null ? "unknown" : name,
        "grpc_type", type(method.getType()));
  }

  /** Go's spelling of a status code ({@code codes.Code.String()}), e.g. {@code ResourceExhausted}. */
  static String code(io.grpc.Status.Code code) {
    if (code == io.grpc.Status.Code.OK) {
      return "OK";
    }
    StringBuilder sb = new StringBuilder();
    for (String part : code.name().split("_")) {
      sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return sb.toString().replace("Cancelled", "Canceled");
  }

  static String type(MethodDescriptor.MethodType type) {
    return switch (type) {
      case UNARY -> "unary";
      case CLIENT_STREAMING -> "client_stream";
      case SERVER_STREAMING -> "server_stream";
      case BIDI_STREAMING -> "bidi_stream";
      default -> "unknown";
    };
  }
}
