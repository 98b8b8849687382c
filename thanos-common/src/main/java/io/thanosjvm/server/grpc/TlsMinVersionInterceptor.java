package io.thanosjvm.server.grpc;

import io.thanosjvm.cli.FlagNames;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.List;
import javax.net.ssl.SSLSession;

/**
 * Refuses calls on TLS connections below {@code --grpc-server-tls-min-version} (status UNAVAILABLE naming both
 * versions). The server's TLS credentials cannot restrict protocols, so the version is checked per call on the
 * negotiated session: a client below the minimum completes the handshake but no call of it is served.
 */
public final class TlsMinVersionInterceptor implements ServerInterceptor {

  private static final List<String> ORDER = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  private final String minVersion;
  private final int minIndex;

  /**
   * The interceptor for Thanos' flag value.
   *
   * @param minVersion {@code 1.0}, {@code 1.1}, {@code 1.2} or {@code 1.3}
   */
  public TlsMinVersionInterceptor(String minVersion) {
    this.minVersion = minVersion;
    this.minIndex = ORDER.indexOf(minVersion.equals("1.0") ? "TLSv1" : "TLSv" + minVersion);
    if (minIndex < 0) {
      throw new IllegalArgumentException("TLS min version must be 1.0, 1.1, 1.2 or 1.3, not " + minVersion);
    }
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (session != null) {
      int negotiated = ORDER.indexOf(session.getProtocol());
      if (negotiated >= 0 && negotiated < minIndex) {
        call.close(Status.UNAVAILABLE.withDescription("TLS version " + session.getProtocol()
            + " is below this server's minimum (--" + FlagNames.GRPC_SERVER_TLS_MIN_VERSION + "=" + minVersion + ")"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
    }
    return next.startCall(call, headers);
  }
}
