package io.thanosjvm.query.endpoint;

import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.rulespb.RulesGrpc;
import java.util.Objects;

/**
 * An endpoint whose last Info answer advertises the Rules API (a ruler, a sidecar): the querier fans
 * {@code /api/v1/rules} and {@code /api/v1/alerts} out to it.
 *
 * @param address where it is
 * @param info its last Info answer (with a non-null rules section)
 * @param stub a blocking stub on its channel
 */
public record RulesEndpoint(String address, InfoResponse info, RulesGrpc.RulesBlockingStub stub) {

  /** Requires a rules section in the Info answer. */
  public RulesEndpoint {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(stub, "stub");
    if (!info.hasRules()) {
      throw new IllegalArgumentException(address + " does not serve the Rules API");
    }
  }
}
