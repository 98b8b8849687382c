package io.thanosjvm.query.downsample;

import com.google.protobuf.ByteString;
import io.thanosjvm.compact.downsample.DownsampledChunk;
import io.thanosjvm.tsdb.chunkenc.AggrChunk;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.wire.storepb.Chunk;

/** Wire chunks for tests: raw XOR chunks and aggregate chunks made by the real downsampler. */
final class WireChunks {

  private WireChunks() {}

  /** A raw XOR chunk of the samples. */
  static io.thanosjvm.wire.storepb.AggrChunk raw(long[] ts, double[] vs, int from, int to) {
    XorChunkWriter w = new XorChunkWriter();
    for (int i = from; i < to; i++) {
      w.append(ts[i], vs[i]);
    }
    return io.thanosjvm.wire.storepb.AggrChunk.newBuilder().setMinTime(w.minTime()).setMaxTime(w.maxTime())
        .setRaw(xor(w.bytes())).build();
  }

  /** The wire form of a downsampled chunk carrying only the given aggregates, as the store gateway sends it. */
  static io.thanosjvm.wire.storepb.AggrChunk aggregates(DownsampledChunk c, AggrType... types) {
    AggrChunk a = c.aggrChunk();
    io.thanosjvm.wire.storepb.AggrChunk.Builder b = io.thanosjvm.wire.storepb.AggrChunk.newBuilder()
        .setMinTime(c.minTime()).setMaxTime(c.maxTime());
    for (AggrType t : types) {
      Chunk sub = xor(a.bytes(t));
      switch (t) {
        case COUNT -> b.setCount(sub);
        case SUM -> b.setSum(sub);
        case MIN -> b.setMin(sub);
        case MAX -> b.setMax(sub);
        case COUNTER -> b.setCounter(sub);
        default -> throw new IllegalArgumentException(t.toString());
      }
    }
    return b.build();
  }

  private static Chunk xor(byte[] data) {
    return Chunk.newBuilder().setType(Chunk.Encoding.XOR).setData(ByteString.copyFrom(data)).build();
  }
}
