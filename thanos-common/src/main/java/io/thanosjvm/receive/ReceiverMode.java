package io.thanosjvm.receive;

/**
 * What a receiver does, derived from its flags as Thanos derives it (there is no flag for it): with a hashring and
 * a local endpoint it routes and stores, with a hashring only it routes, without a hashring it stores everything.
 */
public enum ReceiverMode {
  /** Hashring and {@code --receive.local-endpoint} given: forwards to peers and stores its own share. */
  ROUTER_INGESTOR,
  /** Hashring given, no local endpoint: only forwards. */
  ROUTER_ONLY,
  /** No hashring: stores every series it is sent. */
  INGESTOR_ONLY;

  /** The mode for the given configuration. */
  public static ReceiverMode derive(boolean hashringConfigured, boolean localEndpointConfigured) {
    if (!hashringConfigured) {
      return INGESTOR_ONLY;
    }
    return localEndpointConfigured ? ROUTER_INGESTOR : ROUTER_ONLY;
  }

  /** Thanos' name of the mode, e.g. in logs ({@code RouterIngestor}). */
  public String thanosName() {
    return switch (this) {
      case ROUTER_INGESTOR -> "RouterIngestor";
      case ROUTER_ONLY -> "RouterOnly";
      case INGESTOR_ONLY -> "IngestorOnly";
    };
  }
}
