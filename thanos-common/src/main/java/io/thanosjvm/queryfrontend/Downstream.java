package io.thanosjvm.queryfrontend;

import java.io.IOException;

/** The Prometheus-compatible HTTP API behind the frontend (a querier or a Prometheus). */
@FunctionalInterface
public interface Downstream {

  /**
   * Sends {@code request} and returns the answer, whatever its status.
   *
   * @throws IOException when no HTTP answer was received (connection refused, reset, timeout)
   */
  DownstreamResponse send(DownstreamRequest request) throws IOException;
}
