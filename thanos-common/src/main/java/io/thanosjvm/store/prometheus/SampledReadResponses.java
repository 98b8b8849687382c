package io.thanosjvm.store.prometheus;

import com.google.protobuf.UnsafeByteOperations;
import io.thanosjvm.compress.SnappyBlocks;
import io.thanosjvm.store.StoreRequestException;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.wire.prompb.Chunk;
import io.thanosjvm.wire.prompb.ChunkedReadResponse;
import io.thanosjvm.wire.prompb.ChunkedSeries;
import io.thanosjvm.wire.prompb.QueryResult;
import io.thanosjvm.wire.prompb.ReadResponse;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * The SAMPLES fallback of remote read: a Prometheus that does not stream chunks answers one snappy-compressed
 * {@code ReadResponse} of raw samples; each series is turned into XOR chunks of at most
 * {@link #SAMPLES_PER_CHUNK} samples (Prometheus' own chunk target) and handed on as if it had been streamed.
 */
final class SampledReadResponses {

  /** Samples per encoded chunk. */
  static final int SAMPLES_PER_CHUNK = 120;

  /** Largest decoded (uncompressed) sampled answer accepted: checked before anything of that size is allocated. */
  static final long MAX_DECODED_BYTES = 512L << 20;

  private SampledReadResponses() {}

  /**
   * The frames of a snappy-compressed {@code ReadResponse} body. The size announced in the snappy header is checked
   * against {@code maxDecodedBytes} before the buffer is allocated, so a corrupt or hostile header cannot make the
   * reader allocate gigabytes.
   *
   * @throws IOException when the body is not snappy or not a read response
   * @throws StoreRequestException (resource exhausted) when it would decode to more than {@code maxDecodedBytes}
   */
  static List<ChunkedReadResponse> decode(byte[] compressed, long maxDecodedBytes) throws IOException {
    long size = Snappy.uncompressedLength(compressed);
    if (!SnappyBlocks.plausible(size, compressed.length) || size > maxDecodedBytes) {
      if (!Snappy.isValidCompressedBuffer(compressed)) {
        throw new IOException("sampled remote read response is not valid snappy");
      }
      throw StoreRequestException.resourceExhausted("prometheus sampled remote read response decodes to " + size
          + " bytes, over the limit of " + maxDecodedBytes + "; narrow the query");
    }
    return toFrames(ReadResponse.parseFrom(Snappy.uncompress(compressed)));
  }

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
