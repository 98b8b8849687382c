package io.thanosjvm.store.bucket;

import io.thanosjvm.model.Labels;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.infopb.StoreInfo;
import io.thanosjvm.wire.infopb.TSDBInfo;
import io.thanosjvm.wire.labelpb.ZLabelSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The store gateway's Info answer: the distinct external-label sets of the loaded blocks, the time range they
 * cover (clamped by {@code --min-time}/{@code --max-time}), one TSDB info per label set and contiguous block
 * range, component type {@code store}. Nothing until the first sync finished.
 */
public final class BucketStoreInfo {

  private BucketStoreInfo() {}

  /** The current Info, or empty while the store is not ready. */
  public static Optional<InfoResponse> of(BucketBlockRegistry registry, long minTime, long maxTime) {
    if (!registry.synced()) {
      return Optional.empty();
    }
    Map<Labels, List<long[]>> ranges = new TreeMap<>();
    long mint = Long.MAX_VALUE;
    long maxt = Long.MIN_VALUE;
    for (BucketBlock b : registry.blocks()) {
      long[] r = {Math.max(b.meta().minTime(), minTime), Math.min(b.meta().maxTime(), maxTime)};
      mint = Math.min(mint, r[0]);
      maxt = Math.max(maxt, r[1]);
      List<long[]> list = ranges.computeIfAbsent(b.externalLabels(), k -> new ArrayList<>());
      // blocks come ordered by min time: join touching or overlapping ranges
      if (!list.isEmpty() && list.get(list.size() - 1)[1] >= r[0]) {
        long[] last = list.get(list.size() - 1);
        last[1] = Math.max(last[1], r[1]);
      } else {
        list.add(r);
      }
    }
    InfoResponse.Builder info = InfoResponse.newBuilder().setComponentType("store");
    StoreInfo.Builder store = StoreInfo.newBuilder().setMinTime(mint).setMaxTime(maxt).setSupportsSharding(true)
        .setSupportsWithoutReplicaLabels(true);
    for (Map.Entry<Labels, List<long[]>> e : ranges.entrySet()) {
      ZLabelSet set = ZLabelSet.newBuilder().addAllLabels(BucketStore.wire(e.getKey())).build();
      info.addLabelSets(set);
      for (long[] r : e.getValue()) {
        store.addTsdbInfos(TSDBInfo.newBuilder().setLabels(set).setMinTime(r[0]).setMaxTime(r[1]));
      }
    }
    return Optional.of(info.setStore(store).build());
  }
}
