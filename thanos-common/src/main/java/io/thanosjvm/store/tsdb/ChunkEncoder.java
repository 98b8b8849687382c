package io.thanosjvm.store.tsdb;

import io.thanosjvm.cacheutil.XxHash64;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a series' samples into StoreAPI raw XOR chunks of at most {@value #SAMPLES_PER_CHUNK} samples (as
 * Prometheus cuts them), each with its exact time bounds and the xxhash64 of its bytes (the querier drops equal
 * chunks of replicas by it). Samples are read one at a time from the iterator; one writer is reused.
 */
final class ChunkEncoder {

  /** Samples per chunk, Prometheus' target. */
  static final int SAMPLES_PER_CHUNK = 120;

  private final XorChunkWriter writer = new XorChunkWriter();

  /** The chunks of every sample {@code it} yields; empty when it yields none. */
  List<AggrChunk> encode(SampleIterator it) {
    List<AggrChunk> out = new ArrayList<>();
    writer.reset();
    while (it.next()) {
      writer.append(it.atT(), it.atV());
      if (writer.numSamples() == SAMPLES_PER_CHUNK) {
        out.add(flush());
      }
    }
    if (writer.numSamples() > 0) {
      out.add(flush());
    }
    return out;
  }

  private AggrChunk flush() {
    byte[] data = writer.bytes();
    AggrChunk c = AggrChunk.newBuilder().setMinTime(writer.minTime()).setMaxTime(writer.maxTime())
        .setRaw(Chunk.newBuilder().setType(Chunk.Encoding.XOR)
            .setData(com.google.protobuf.UnsafeByteOperations.unsafeWrap(data))
            .setHash(XxHash64.hash(data)))
        .build();
    writer.reset();
    return c;
  }
}
