package io.thanosjvm.receive.hashring;

import java.util.Objects;

/**
 * One receiver in a hashring, as the hashrings file names it: either a plain {@code "host:port"} string or an object
 * {@code {"address", "capnproto_address", "az"}}.
 *
 * @param address the receiver's gRPC address ({@code host:port}) that forwarded writes go to
 * @param capnprotoAddress its Cap'n Proto replication address, or "" when not given
 * @param az its availability zone, or "" when not given; ketama spreads a series' replicas over zones
 */
public record Endpoint(String address, String capnprotoAddress, String az) {

  /** Validates the endpoint. */
  public Endpoint {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(capnprotoAddress, "capnprotoAddress");
    Objects.requireNonNull(az, "az");
    if (address.isBlank()) {
      throw new IllegalArgumentException("endpoint address must not be empty");
    }
  }

  /** An endpoint given as a plain address, with no zone. */
  public static Endpoint of(String address) {
    return new Endpoint(address, "", "");
  }

  /** An endpoint in an availability zone. */
  public static Endpoint inZone(String address, String az) {
    return new Endpoint(address, "", az);
  }
}
