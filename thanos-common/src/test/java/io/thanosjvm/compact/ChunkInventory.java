package io.thanosjvm.compact;

import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.chunks.ChunkReader;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.IndexReader;
import io.thanosjvm.tsdb.index.SeriesEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Every chunk of some blocks as "labels minT maxT encoding sha256" lines, sorted: to compare chunk bytes. */
final class ChunkInventory {

  private ChunkInventory() {}

  static List<String> of(List<Path> blockDirs) throws IOException {
    List<String> out = new ArrayList<>();
    for (Path d : blockDirs) {
      try (IndexReader index = IndexReader.open(d.resolve("index"));
          ChunkReader chunks = ChunkReader.open(d.resolve("chunks"))) {
        for (int ref : index.allPostings()) {
          SeriesEntry s = index.series(ref & 0xFFFFFFFFL);
          for (ChunkMeta m : s.chunks()) {
            Chunk c = chunks.read(m.ref());
            out.add(s.labels() + " " + m.minTime() + " " + m.maxTime() + " " + c.encoding() + " " + sha(c.data()));
          }
        }
      }
    }
    out.sort(null);
    return out;
  }

  private static String sha(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
