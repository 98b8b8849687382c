package io.thanosjvm.store.prometheus;

import com.google.protobuf.UnsafeByteOperations;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.wire.prompb.Chunk;
import io.thanosjvm.wire.prompb.ChunkedReadResponse;
import io.thanosjvm.wire.prompb.ChunkedSeries;
import io.thanosjvm.wire.prompb.QueryResult;
import io.thanosjvm.wire.prompb.ReadResponse;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * The SAMPLES fallback of remote read: a Prometheus that does not stream chunks answers one snappy-compressed
 * {@code ReadResponse} of raw samples; each series is turned into XOR chunks of at most
 * {@link #SAMPLES_PER_CHUNK} samples (Prometheus' own chunk target) and handed on as if it had been streamed.
 */
final class SampledReadResponses {

  /** Samples per encoded chunk. */
  static final int SAMPLES_PER_CHUNK = 120;

  private SampledReadResponses() {}

  /** One frame per series, in the response's order. */
  static List<ChunkedReadResponse> toFrames(ReadResponse response) {
    List<ChunkedReadResponse> out = new ArrayList<>();
    XorChunkWriter w = new XorChunkWriter();
    for (int q = 0; q < response.getResultsCount(); q++) {
      QueryResult result = response.getResults(q);
      for (TimeSeries ts : result.getTimeseriesList()) {
        ChunkedSeries.Builder series = ChunkedSeries.newBuilder().addAllLabels(ts.getLabelsList());
        w.reset();
        for (Sample s : ts.getSamplesList()) {
          if (w.numSamples() == SAMPLES_PER_CHUNK) {
            series.addChunks(chunk(w));
            w.reset();
          }
          w.append(s.getTimestamp(), s.getValue());
        }
        if (w.numSamples() > 0) {
          series.addChunks(chunk(w));
        }
        out.add(ChunkedReadResponse.newBuilder().setQueryIndex(q).addChunkedSeries(series).build());
      }
    }
    return out;
  }

  private static Chunk chunk(XorChunkWriter w) {
    return Chunk.newBuilder().setMinTimeMs(w.minTime()).setMaxTimeMs(w.maxTime()).setType(Chunk.Encoding.XOR)
        .setData(UnsafeByteOperations.unsafeWrap(w.bytes())).build();
  }
}
