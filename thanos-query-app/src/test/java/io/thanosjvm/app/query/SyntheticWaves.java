package io.thanosjvm.app.query;

import com.google.protobuf.ByteString;
import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.engine.MatrixSeries;
import io.thanosjvm.promql.engine.MatrixValue;
import io.thanosjvm.testing.FixedStore;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.wire.storepb.AggrChunk;
import io.thanosjvm.wire.storepb.Chunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Large synthetic data for the query app's tests: {@code wave{series="000".."099"}} sampled every 15 s from time
 * 0 in real XOR chunks of 120 samples, served by a {@link FixedStore} (a gRPC StoreAPI on 127.0.0.1) with the
 * external label {@code source="synthetic"}. A range query for {@code wave} from 0 to the last sample at a 15 s
 * step answers exactly the stored samples ({@link #expected}), e.g. 100 series × 11,000 points.
 */
final class SyntheticWaves {

  static final long STEP_MS = 15_000;

  private SyntheticWaves() {}

  /** The value of series {@code s} at sample {@code k}: a slow sine per series, spread apart. */
  static double value(int s, int k) {
    return Math.round((100 + 3 * s + 40 * Math.sin(2 * Math.PI * k / 2_000.0 + s * 0.37)) * 1000) / 1000.0;
  }

  /** The series' labels, external label included. */
  static Labels labels(int s) {
    return Labels.of("__name__", "wave", "series", String.format("%03d", s), "source", "synthetic");
  }

  /** A started store of {@code series} × {@code points} samples. */
  static FixedStore store(int series, int points) throws Exception {
    FixedStore store = new FixedStore(Labels.of("source", "synthetic"), 0, (points - 1) * STEP_MS, true);
    for (int s = 0; s < series; s++) {
      List<AggrChunk> chunks = new ArrayList<>();
      XorChunkWriter w = new XorChunkWriter();
      for (int k = 0; k < points; k++) {
        w.append(k * STEP_MS, value(s, k));
        if (w.numSamples() == 120 || k == points - 1) {
          chunks.add(AggrChunk.newBuilder().setMinTime(w.minTime()).setMaxTime(w.maxTime())
              .setRaw(Chunk.newBuilder().setType(Chunk.Encoding.XOR).setData(ByteString.copyFrom(w.bytes())))
              .build());
          w.reset();
        }
      }
      store.addChunks(Labels.of("__name__", "wave", "series", String.format("%03d", s)), chunks);
    }
    return store.start();
  }

  /** The range query result of {@code wave} over all samples at a 15 s step. */
  static MatrixValue expected(int series, int points) {
    List<MatrixSeries> out = new ArrayList<>();
    for (int s = 0; s < series; s++) {
      long[] ts = new long[points];
      double[] vs = new double[points];
      for (int k = 0; k < points; k++) {
        ts[k] = k * STEP_MS;
        vs[k] = value(s, k);
      }
      out.add(new MatrixSeries(labels(s), ts, vs));
    }
    return new MatrixValue(out);
  }
}
