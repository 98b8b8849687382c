package io.thanosjvm.receive;

import io.thanosjvm.receive.hashring.Endpoint;
import io.thanosjvm.wire.storepb.prompb.TimeSeries;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Forwards a batch of one tenant's series to another receiver ({@code thanos.WriteableStore/RemoteWrite}). */
public interface PeerWriter extends AutoCloseable {

  /**
   * Sends the batch; the future fails with a {@link WriteException} saying why the peer did not store it.
   *
   * @param replica the 0-based replica the peer stores (sent 1-based, as Thanos does)
   */
  CompletableFuture<Void> write(Endpoint peer, String tenant, int replica, List<TimeSeries> series);

  @Override
  void close();
}
