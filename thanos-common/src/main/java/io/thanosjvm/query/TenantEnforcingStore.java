package io.thanosjvm.query;

import io.grpc.stub.StreamObserver;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.tenancy.TenantEnforcement;
import io.thanosjvm.wire.storepb.LabelMatcher;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelNamesResponse;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.LabelValuesResponse;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.List;

/**
 * The querier's StoreAPI for one tenant-enforced request: every Series, LabelNames and LabelValues call reaches
 * the stores with the tenant's matcher in place of any the request had on the tenant label, whatever PromQL,
 * {@code match[]} or label call it came from.
 */
public final class TenantEnforcingStore extends StoreGrpc.StoreImplBase {

  private final StoreGrpc.StoreImplBase delegate;
  private final TenantEnforcement enforcement;

  /** {@code delegate} (the proxy over the stores) seen through {@code enforcement}. */
  public TenantEnforcingStore(StoreGrpc.StoreImplBase delegate, TenantEnforcement enforcement) {
    this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
    this.enforcement = java.util.Objects.requireNonNull(enforcement, "enforcement");
  }

  private List<LabelMatcher> enforce(List<LabelMatcher> wire) {
    return enforcement.enforce(WireMatchers.fromStore(wire)).stream().map(WireMatchers::toStore).toList();
  }

  @Override
  public void series(SeriesRequest request, StreamObserver<SeriesResponse> out) {
    delegate.series(request.toBuilder().clearMatchers().addAllMatchers(enforce(request.getMatchersList())).build(),
        out);
  }

  @Override
  public void labelNames(LabelNamesRequest request, StreamObserver<LabelNamesResponse> out) {
    delegate.labelNames(request.toBuilder().clearMatchers().addAllMatchers(enforce(request.getMatchersList()))
        .build(), out);
  }

  @Override
  public void labelValues(LabelValuesRequest request, StreamObserver<LabelValuesResponse> out) {
    delegate.labelValues(request.toBuilder().clearMatchers().addAllMatchers(enforce(request.getMatchersList()))
        .build(), out);
  }
}
