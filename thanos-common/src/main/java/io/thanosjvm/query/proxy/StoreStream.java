package io.thanosjvm.query.proxy;

import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.thanosjvm.model.Labels;
import io.thanosjvm.store.ShardMatcher;
import io.thanosjvm.query.endpoint.StoreEndpoint;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.ArrayDeque;
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
  private InlineReader inline;

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

  /**
   * Starts the call without a reader thread: {@link #take()} reads the stream in the caller's thread. For a request
   * that reaches one store only, where there is nothing to read in parallel: it saves two thread hand-offs per
   * series batch (reader thread, queue), which dominate small queries on a busy machine. Only without labels to
   * strip here (those need the whole stream re-sorted first).
   */
  void startInline(SeriesRequest request, long deadlineMillis) {
    Context.CancellableContext ctx = Context.current().withCancellation();
    Context previous = ctx.attach();
    try {
      inline = new InlineReader(ctx, StoreGrpc.newBlockingStub(store.stub().getChannel())
          .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS).series(request));
    } finally {
      ctx.detach(previous);
    }
  }

  /** The next item, waiting for it. */
  Item take() throws InterruptedException {
    return inline != null ? inline.next() : queue.take();
  }

  /** Stops reading (the merge gave up or the client went away). */
  void cancel() {
    cancelled = true;
    queue.clear();
    if (inline != null) {
      inline.ctx.cancel(null);
    }
  }

  /** Reads a blocking stream in the thread that takes its items. */
  private static final class InlineReader {
    private static final Item END = new Item(null, null, null, null, true);
    private final Context.CancellableContext ctx;
    private final Iterator<SeriesResponse> it;
    private final ArrayDeque<Item> pending = new ArrayDeque<>();
    private boolean done;

    InlineReader(Context.CancellableContext ctx, Iterator<SeriesResponse> it) {
      this.ctx = ctx;
      this.it = it;
    }

    Item next() {
      while (true) {
        if (!pending.isEmpty()) {
          return pending.poll();
        }
        if (done) {
          return END;
        }
        try {
          if (!it.hasNext()) {
            done = true;
            ctx.cancel(null); // the call is over; releases the context's listeners
            return END;
          }
          SeriesResponse r = it.next();
          switch (r.getResultCase()) {
            case SERIES -> {
              return series(r.getSeries(), List.of());
            }
            case BATCH -> r.getBatch().getSeriesList().forEach(s -> pending.add(series(s, List.of())));
            case WARNING -> {
              return new Item(null, null, r.getWarning(), null, false);
            }
            default -> { } // hints: not needed by the merge
          }
        } catch (StatusRuntimeException e) {
          done = true;
          ctx.cancel(null);
          return new Item(null, null, null, e, true);
        }
      }
    }
  }
}
