package io.thanosjvm.query;

import io.grpc.stub.StreamObserver;
import io.thanosjvm.store.VerticalShard;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelNamesResponse;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.LabelValuesResponse;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.ShardInfo;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.Objects;

/**
 * The querier's StoreAPI for one vertically sharded query ({@code shard_info} on the query API): every Series call
 * the evaluation makes carries the shard (Series request field 13), so stores advertising {@code supports_sharding}
 * send only that shard's series and the proxy filters the others' streams itself. Label calls pass unchanged.
 */
public final class ShardingStore extends StoreGrpc.StoreImplBase {

  private final StoreGrpc.StoreImplBase delegate;
  private final ShardInfo shard;

  /** {@code delegate} (the proxy over the stores) asked for {@code shard} only. */
  public ShardingStore(StoreGrpc.StoreImplBase delegate, VerticalShard shard) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.shard = shard.toWire();
  }

  @Override
  public void series(SeriesRequest request, StreamObserver<SeriesResponse> out) {
    delegate.series(request.toBuilder().setShardInfo(shard).build(), out);
  }

  @Override
  public void labelNames(LabelNamesRequest request, StreamObserver<LabelNamesResponse> out) {
    delegate.labelNames(request, out);
  }

  @Override
  public void labelValues(LabelValuesRequest request, StreamObserver<LabelValuesResponse> out) {
    delegate.labelValues(request, out);
  }
}
