package io.thanosjvm.app.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.api.DeleteSeriesApi;
import io.thanosjvm.autoconfigure.ThanosQueryProperties;
import io.thanosjvm.block.deletion.DeleteRequestStore;
import io.thanosjvm.block.deletion.DeletionRequests;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.query.DeletionFilteringStore;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The querier's series deletion ({@code --web.enable-admin-api}): the bucket of {@code --objstore.config}, the
 * recorded requests re-read every {@code --deletion.refresh-interval}, the admin endpoint, and the filter over the
 * store fan-out. Disabled, it only answers the endpoint with "admin APIs disabled" and leaves the stores as they are.
 */
final class QueryDeletions implements AutoCloseable {

  private final Bucket bucket;
  private final DeletionRequests requests;
  private final ScheduledExecutorService refresh;
  private final DeleteSeriesApi api;

  private QueryDeletions(Bucket bucket, DeletionRequests requests, ScheduledExecutorService refresh,
      DeleteSeriesApi api) {
    this.bucket = bucket;
    this.requests = requests;
    this.refresh = refresh;
    this.api = api;
  }

  static QueryDeletions create(ThanosQueryProperties props, MeterRegistry meters, Clock clock) throws IOException {
    if (!props.isEnableAdminApi()) {
      return new QueryDeletions(null, null, null, new DeleteSeriesApi(null, clock));
    }
    if (!props.getObjstore().isSet()) {
      throw new IllegalStateException("--" + FlagNames.WEB_ENABLE_ADMIN_API + " needs a bucket to record deletion requests in: set --"
          + FlagNames.OBJSTORE_CONFIG_FILE + " or --" + FlagNames.OBJSTORE_CONFIG);
    }
    long every = props.getDeletionRefreshInterval().toMillis();
    if (every <= 0) {
      throw new IllegalStateException("--" + FlagNames.DELETION_REFRESH_INTERVAL + " must be positive, got "
          + props.getDeletionRefreshInterval());
    }
    Bucket bucket = BucketFactory.create(props.getObjstore().require("thanos.query"), meters, clock);
    DeletionRequests requests = new DeletionRequests(new DeleteRequestStore(bucket));
    requests.refresh();
    ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "deletion-refresh");
      t.setDaemon(true);
      return t;
    });
    refresh.scheduleWithFixedDelay(requests::refresh, every, every, TimeUnit.MILLISECONDS);
    return new QueryDeletions(bucket, requests, refresh, new DeleteSeriesApi(requests, clock));
  }

  /** The stores as queries see them: without the deleted samples when the API is on. */
  StoreGrpc.StoreImplBase filter(StoreGrpc.StoreImplBase stores) {
    return requests == null ? stores : new DeletionFilteringStore(stores, requests);
  }

  DeleteSeriesApi api() {
    return api;
  }

  @Override
  public void close() throws IOException {
    if (refresh != null) {
      refresh.shutdownNow();
    }
    if (bucket != null) {
      bucket.close();
    }
  }
}
