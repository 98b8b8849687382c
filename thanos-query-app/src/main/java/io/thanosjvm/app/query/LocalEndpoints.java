package io.thanosjvm.app.query;

import java.util.List;

/**
 * StoreAPI addresses of components running in the querier's own process (the all-in-one's receive and store
 * gateway, on loopback ports), queried in addition to {@code --endpoint}.
 *
 * @param addresses {@code host:port} of each
 */
public record LocalEndpoints(List<String> addresses) {

  /** Copies the list. */
  public LocalEndpoints {
    addresses = List.copyOf(addresses);
  }
}
