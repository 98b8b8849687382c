package io.thanosjvm.query;

import io.thanosjvm.query.endpoint.StoreEndpoint;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.infopb.QueryAPIInfo;
import io.thanosjvm.wire.infopb.StoreInfo;
import io.thanosjvm.wire.labelpb.ZLabelSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A querier's own Info answer (ComponentType {@code query}): the union of its stores' label sets and the
 * span of their time ranges, so another querier can use it as a store.
 */
public final class QueryInfo {

  private QueryInfo() {}

  /** The Info answer for a querier over {@code stores}. */
  public static InfoResponse of(List<StoreEndpoint> stores) {
    Set<ZLabelSet> sets = new LinkedHashSet<>();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (StoreEndpoint s : stores) {
      sets.addAll(s.info().getLabelSetsList());
      min = Math.min(min, s.info().getStore().getMinTime());
      max = Math.max(max, s.info().getStore().getMaxTime());
    }
    if (stores.isEmpty()) {
      // no data anywhere: an empty range that no request overlaps
      min = Long.MAX_VALUE;
      max = Long.MIN_VALUE;
    }
    return InfoResponse.newBuilder()
        .addAllLabelSets(sets)
        .setComponentType("query")
        .setStore(StoreInfo.newBuilder().setMinTime(min).setMaxTime(max).setSupportsWithoutReplicaLabels(true)
            .setSupportsSharding(true))
        .setQuery(QueryAPIInfo.getDefaultInstance())
        .build();
  }
}
