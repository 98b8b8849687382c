package io.thanosjvm.tsdb.index;

import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.testing.fuzz.Fuzzer;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.Crc32c;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Series entries of a real index with mutated bodies, framed again with a correct length and CRC32C so that the
 * decoding behind the checksum is reached (the whole-file campaign in {@code BlockFilesFuzzTest} mostly meets the
 * checksum): symbols, label order, chunk metas and their deltas must be refused as {@link CorruptBlockException}.
 */
class IndexSeriesFuzzTest {

  @TempDir
  Path tmp;

  @Test
  void mutatedSeriesEntriesBehindValidChecksums() throws IOException {
    List<BlockMeta> metas = TestBlocks.generate(tmp, 8, 2, Map.of("cluster", "fuzz"));
    Path indexFile = tmp.resolve(metas.get(0).ulid()).resolve("index");
    byte[] file = Files.readAllBytes(indexFile);
    try (IndexReader index = IndexReader.open(indexFile)) {
      List<byte[]> bodies = new ArrayList<>();
      for (int ref : index.allPostings()) {
        int off = (int) (ref * (long) IndexFormat.SERIES_ALIGNMENT);
        long len = 0;
        int p = off;
        for (int shift = 0; ; shift += 7) {
          int b = file[p++] & 0xFF;
          len |= (long) (b & 0x7F) << shift;
          if (b < 0x80) {
            break;
          }
        }
        bodies.add(Arrays.copyOfRange(file, p, p + (int) len));
      }
      Fuzzer.named("index-series")
          .corpus(bodies)
          .expecting(CorruptBlockException.class)
          .allocationBudget(len -> (4L << 20) + 256L * len)
          .iterations(30_000)
          .run(body -> {
            byte[] framed = frame(body);
            IndexDecoding.decodeSeries(indexFile.toString(), 1, framed, 0, framed.length, index::symbol);
          })
          .assertNoFindings();
    }
  }

  private static byte[] frame(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long len = body.length;
    while (len >= 0x80) {
      out.write((int) (len & 0x7F) | 0x80);
      len >>>= 7;
    }
    out.write((int) len);
    out.writeBytes(body);
    int crc = Crc32c.of(body, 0, body.length);
    out.write(crc >>> 24);
    out.write(crc >>> 16);
    out.write(crc >>> 8);
    out.write(crc);
    return out.toByteArray();
  }
}
