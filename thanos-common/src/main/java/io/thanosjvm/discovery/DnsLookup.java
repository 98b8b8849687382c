package io.thanosjvm.discovery;

import java.io.IOException;
import java.util.List;

/** The DNS questions discovery asks. Implementations must be thread-safe. */
public interface DnsLookup {

  /**
   * The IP addresses (A and AAAA) of {@code host}, as literals.
   *
   * @throws IOException when the lookup fails (an empty answer is an empty list)
   */
  List<String> addresses(String host) throws IOException;

  /**
   * The SRV records of {@code name}.
   *
   * @throws IOException when the lookup fails
   */
  List<SrvRecord> srv(String name) throws IOException;
}
