package io.thanosjvm.store.testkit;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelNamesResponse;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.LabelValuesResponse;
import io.thanosjvm.wire.storepb.Series;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Calls the store under test over gRPC and turns its answers into plain values: series with their labels,
 * chunk bounds and the samples decoded from their XOR chunks, plus any warning frames.
 */
final class StoreApiAcceptanceCalls {

  private static final long DEADLINE_SECONDS = 60;

  private final Channel channel;

  StoreApiAcceptanceCalls(Channel channel) {
    this.channel = channel;
  }

  /** One chunk as received: its declared bounds and its decoded samples. */
  record ReceivedChunk(long minTime, long maxTime, long[] timestamps, long[] valueBits) {}

  /** One series as received, in stream order. */
  record ReceivedSeries(Labels labels, List<ReceivedChunk> chunks) {

    /** Timestamps of all decoded samples in [mint, maxt], in chunk order. */
    long[] timestampsIn(long mint, long maxt) {
      List<Long> out = new ArrayList<>();
      for (ReceivedChunk c : chunks) {
        for (long t : c.timestamps()) {
          if (t >= mint && t <= maxt) {
            out.add(t);
          }
        }
      }
      return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** Raw value bits of all decoded samples in [mint, maxt], in chunk order. */
    long[] valueBitsIn(long mint, long maxt) {
      List<Long> out = new ArrayList<>();
      for (ReceivedChunk c : chunks) {
        for (int i = 0; i < c.timestamps().length; i++) {
          if (c.timestamps()[i] >= mint && c.timestamps()[i] <= maxt) {
            out.add(c.valueBits()[i]);
          }
        }
      }
      return out.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /** A Series answer: the series in stream order and the warnings. */
  record SeriesAnswer(List<ReceivedSeries> series, List<String> warnings) {

    /** The label sets in stream order. */
    List<Labels> labels() {
      return series.stream().map(ReceivedSeries::labels).toList();
    }
  }

  /**
   * Runs a Series call to completion.
   *
   * @throws StatusRuntimeException when the store answers with an error
   */
  SeriesAnswer series(SeriesRequest request) {
    List<ReceivedSeries> series = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Iterator<SeriesResponse> it = StoreGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).series(request);
    while (it.hasNext()) {
      SeriesResponse r = it.next();
      switch (r.getResultCase()) {
        case SERIES -> series.add(decode(r.getSeries()));
        case BATCH -> r.getBatch().getSeriesList().forEach(s -> series.add(decode(s)));
        case WARNING -> warnings.add(r.getWarning());
        default -> { } // hints and unset frames carry no series
      }
    }
    return new SeriesAnswer(series, warnings);
  }

  /** Runs a LabelNames call. */
  LabelNamesResponse labelNames(LabelNamesRequest request) {
    return StoreGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .labelNames(request);
  }

  /** Runs a LabelValues call. */
  LabelValuesResponse labelValues(LabelValuesRequest request) {
    return StoreGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .labelValues(request);
  }

  private static ReceivedSeries decode(Series s) {
    Labels.Builder b = Labels.builder();
    s.getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
    Labels labels = b.build();
    for (int i = 1; i < s.getLabelsCount(); i++) {
      if (Utf8Order.compare(s.getLabels(i - 1).getName(), s.getLabels(i).getName()) >= 0) {
        throw new AssertionError("series labels must be sorted by name, each name once: " + s.getLabelsList());
      }
    }
    List<ReceivedChunk> chunks = new ArrayList<>(s.getChunksCount());
    for (AggrChunk c : s.getChunksList()) {
      if (!c.hasRaw() || c.getRaw().getType() != Chunk.Encoding.XOR) {
        throw new AssertionError("series " + labels + ": raw data must come as a raw XOR chunk, got " + c);
      }
      XorIterator it = new XorIterator(c.getRaw().getData().toByteArray());
      int n = it.numSamples();
      long[] ts = new long[n];
      long[] vs = new long[n];
      int i = 0;
      while (it.next()) {
        ts[i] = it.atT();
        vs[i] = it.atVBits();
        i++;
      }
      if (i != n) {
        throw new AssertionError("series " + labels + ": chunk header says " + n + " samples, decoded " + i);
      }
      chunks.add(new ReceivedChunk(c.getMinTime(), c.getMaxTime(), ts, vs));
    }
    return new ReceivedSeries(labels, chunks);
  }
}
