package io.thanosjvm.query.proxy;

import io.grpc.StatusRuntimeException;
import io.thanosjvm.model.Labels;
import io.thanosjvm.store.ShardMatcher;
import io.thanosjvm.query.endpoint.StoreEndpoint;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * One store's Series stream, read on its own thread into a small bounded queue (the blocking stub requests
 * one message at a time, so gRPC flow control holds the store back when the merge is slow).
 */
final class StoreStream {

  /** One item of the stream: a series, a warning, the end, or a failure. */
  record Item(Labels labels, Series series, String warning, StatusRuntimeException error, boolean end) {}

  private static final int QUEUE = 32;

  private final StoreEndpoint store;
  private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
  private volatile boolean cancelled;

  StoreStream(StoreEndpoint store) {
    this.store = store;
  }

  StoreEndpoint store() {
    return store;
  }

  /**
   * Starts reading. When the store cannot strip replica labels itself, they are stripped here and the whole
   * stream is re-sorted before the merge sees it. When it cannot filter by the request's shard itself
   * ({@code supports_sharding} not advertised), {@code shardHere} drops the series of other shards.
   */
  void start(SeriesRequest request, Collection<String> stripHere, ShardMatcher shardHere, long deadlineMillis,
      Executor executor) {
    executor.execute(() -> {
      try {
        Iterator<SeriesResponse> it = StoreGrpc.newBlockingStub(store.stub().getChannel())
            .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).series(request);
        List<Item> buffered = stripHere.isEmpty() ? null : new ArrayList<>();
        while (it.hasNext() && !cancelled) {
          SeriesResponse r = it.next();
          switch (r.getResultCase()) {
            case SERIES -> emit(series(r.getSeries(), stripHere), shardHere, buffered);
            case BATCH -> r.getBatch().getSeriesList().forEach(s -> emit(series(s, stripHere), shardHere, buffered));
            case WARNING -> put(new Item(null, null, r.getWarning(), null, false));
            default -> { } // hints: not needed by the merge
          }
        }
        if (buffered != null) {
          buffered.sort((a, b) -> a.labels().compareTo(b.labels()));
          for (Item i : buffered) {
            put(i);
          }
        }
        put(new Item(null, null, null, null, true));
      } catch (StatusRuntimeException e) {
        putQuietly(new Item(null, null, null, e, true));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private void emit(Item item, ShardMatcher shardHere, List<Item> buffered) {
    if (!shardHere.matches(item.labels())) {
      return;
    }
    if (buffered != null) {
      buffered.add(item);
    } else {
      try {
        put(item);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancelled = true;
      }
    }
  }

  private static Item series(Series s, Collection<String> strip) {
    Labels.Builder b = Labels.builder();
    s.getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
    Labels labels = strip.isEmpty() ? b.build() : b.build().without(strip);
    if (!strip.isEmpty()) {
      Series.Builder sb = s.toBuilder().clearLabels();
      labels.forEach(l -> sb.addLabels(io.thanosjvm.wire.labelpb.Label.newBuilder().setName(l.name())
          .setValue(l.value())));
      s = sb.build();
    }
    return new Item(labels, s, null, null, false);
  }

  private void put(Item item) throws InterruptedException {
    while (!cancelled && !queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
      // wait for the merge to take, unless the request was cancelled
    }
  }

  private void putQuietly(Item item) {
    try {
      put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next item, waiting for it. */
  Item take() throws InterruptedException {
    return queue.take();
  }

  /** Stops reading (the merge gave up or the client went away). */
  void cancel() {
    cancelled = true;
    queue.clear();
  }
}
