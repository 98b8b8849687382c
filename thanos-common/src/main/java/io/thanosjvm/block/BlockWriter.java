package io.thanosjvm.block;

import io.thanosjvm.block.metadata.BlockFile;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.tsdb.Tombstones;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.chunks.ChunkWriter;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.IndexWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes one block from series given in strictly ascending label order, in bounded memory: chunks go to
 * the segment files as series arrive, each series' labels and chunk metas are spilled to a temporary file,
 * and only the set of distinct strings (symbols) stays in the heap until the index is written at
 * {@link #commit()}. The block is built in {@code <ULID>.tmp-for-creation} and renamed when complete.
 */
public final class BlockWriter implements Closeable {

  /** Samples per chunk when cutting chunks from raw samples, as Prometheus' head does. */
  public static final int SAMPLES_PER_CHUNK = 120;

  private final Path parent;
  private final String ulid;
  private final Path tmpDir;
  private final ChunkWriter chunks;
  private final Path spillFile;
  private final DataOutputStream spill;
  private final Set<String> symbols = new HashSet<>();
  private final XorChunkWriter xor = new XorChunkWriter();
  private final ThanosMeta thanos;
  private Labels last;
  private long numSeries;
  private long numChunks;
  private long numSamples;
  private long minT = Long.MAX_VALUE;
  private long maxT = Long.MIN_VALUE;
  private long[] metaBuf = new long[48];
  private boolean finished;

  /**
   * Starts a block.
   *
   * @param parentDir directory the block directory is created in
   * @param ulid the block's ULID
   * @param thanos the Thanos meta section, or null for a plain Prometheus block
   */
  public BlockWriter(Path parentDir, String ulid, ThanosMeta thanos) throws IOException {
    if (!BlockMeta.isUlid(ulid)) {
      throw new IllegalArgumentException("invalid ULID " + ulid);
    }
    this.parent = parentDir;
    this.ulid = ulid;
    this.thanos = thanos;
    this.tmpDir = parentDir.resolve(ulid + ".tmp-for-creation");
    Files.createDirectories(tmpDir);
    this.chunks = new ChunkWriter(tmpDir.resolve("chunks"));
    this.spillFile = tmpDir.resolve("series.spill");
    this.spill = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spillFile), 1 << 16));
  }

  private void checkOrder(Labels labels) {
    if (finished) {
      throw new IllegalStateException("block already committed");
    }
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("series without labels");
    }
    if (last != null && last.compareTo(labels) >= 0) {
      throw new IllegalArgumentException("series out of order: " + labels + " after " + last);
    }
    last = labels;
  }

  /**
   * Adds a series from raw samples (the first {@code n} of the arrays, timestamps ascending), cut into
   * XOR chunks of {@link #SAMPLES_PER_CHUNK} samples. A series without samples is skipped.
   */
  public void addSeries(Labels labels, long[] ts, double[] vs, int n) throws IOException {
    if (n == 0) {
      return;
    }
    checkOrder(labels);
    int nChunks = (n + SAMPLES_PER_CHUNK - 1) / SAMPLES_PER_CHUNK;
    ensureMeta(nChunks);
    int c = 0;
    for (int start = 0; start < n; start += SAMPLES_PER_CHUNK) {
      int end = Math.min(n, start + SAMPLES_PER_CHUNK);
      xor.reset();
      for (int i = start; i < end; i++) {
        if (i > 0 && ts[i] <= ts[i - 1]) {
          throw new IllegalArgumentException("timestamps not ascending in " + labels + " at " + ts[i]);
        }
        xor.append(ts[i], vs[i]);
      }
      long ref = chunks.write(ChunkEncoding.XOR, xor.buffer(), 0, xor.byteLength());
      metaBuf[3 * c] = ts[start];
      metaBuf[3 * c + 1] = ts[end - 1];
      metaBuf[3 * c + 2] = ref;
      c++;
    }
    numSamples += n;
    finishSeries(labels, nChunks);
  }

  /**
   * Adds a series from already encoded chunks with their metas (for rewriting blocks); the chunk bytes
   * are copied unchanged.
   */
  public void addSeriesChunks(Labels labels, List<ChunkMeta> metas, List<Chunk> data) throws IOException {
    if (metas.size() != data.size()) {
      throw new IllegalArgumentException("metas and chunks differ in number");
    }
    if (metas.isEmpty()) {
      return;
    }
    checkOrder(labels);
    ensureMeta(metas.size());
    for (int i = 0; i < metas.size(); i++) {
      Chunk ch = data.get(i);
      long ref = chunks.write(ch.encoding(), ch.data(), 0, ch.data().length);
      metaBuf[3 * i] = metas.get(i).minTime();
      metaBuf[3 * i + 1] = metas.get(i).maxTime();
      metaBuf[3 * i + 2] = ref;
      if (ch.encoding() == ChunkEncoding.XOR && ch.data().length >= 2) {
        numSamples += ((ch.data()[0] & 0xFF) << 8) | (ch.data()[1] & 0xFF);
      }
    }
    finishSeries(labels, metas.size());
  }

  private void ensureMeta(int nChunks) {
    if (metaBuf.length < 3 * nChunks) {
      metaBuf = Arrays.copyOf(metaBuf, 3 * nChunks);
    }
  }

  private void finishSeries(Labels labels, int nChunks) throws IOException {
    spill.writeInt(labels.size());
    for (int i = 0; i < labels.size(); i++) {
      writeString(labels.name(i));
      writeString(labels.value(i));
      symbols.add(labels.name(i));
      symbols.add(labels.value(i));
    }
    spill.writeInt(nChunks);
    for (int i = 0; i < 3 * nChunks; i++) {
      spill.writeLong(metaBuf[i]);
    }
    minT = Math.min(minT, metaBuf[0]);
    maxT = Math.max(maxT, metaBuf[3 * (nChunks - 1) + 1]);
    numChunks += nChunks;
    numSeries++;
  }

  private void writeString(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    spill.writeInt(b.length);
    spill.write(b);
  }

  /**
   * Finishes the block with meta.json {@code minTime}/{@code maxTime} = first sample and last sample + 1,
   * as promtool writes them.
   */
  public BlockMeta commit() throws IOException {
    if (numSeries == 0) {
      throw new IllegalStateException("cannot write an empty block");
    }
    return commit(minT, maxT + 1);
  }

  /**
   * Finishes the block: writes index, tombstones and meta.json, then renames the directory to the ULID.
   *
   * @param minTime meta.json minTime (inclusive)
   * @param maxTime meta.json maxTime (exclusive)
   */
  public BlockMeta commit(long minTime, long maxTime) throws IOException {
    return commit(minTime, maxTime, java.util.function.UnaryOperator.identity());
  }

  /**
   * Finishes the block like {@link #commit(long, long)}, letting the caller complete the meta (e.g. the
   * compaction section or stats of a compacted block) before meta.json is written and the directory renamed.
   *
   * @param minTime meta.json minTime (inclusive)
   * @param maxTime meta.json maxTime (exclusive)
   * @param finish applied to the meta built from the written files; its result is written
   */
  public BlockMeta commit(long minTime, long maxTime, java.util.function.UnaryOperator<BlockMeta> finish)
      throws IOException {
    if (finished) {
      throw new IllegalStateException("block already committed");
    }
    finished = true;
    chunks.close();
    spill.close();
    List<String> syms = new ArrayList<>(symbols);
    syms.sort(Utf8Order.COMPARATOR);
    long seriesMax;
    try (IndexWriter iw = new IndexWriter(tmpDir.resolve("index"), syms)) {
      replaySpill(iw);
      seriesMax = iw.maxSeriesSize();
    }
    Files.delete(spillFile);
    Tombstones.writeEmpty(tmpDir);
    BlockMeta meta = BlockMeta.create(ulid, minTime, maxTime, numSamples, numSeries, numChunks);
    if (thanos != null) {
      List<BlockFile> files = new ArrayList<>();
      try (Stream<Path> s = Files.list(tmpDir.resolve("chunks"))) {
        for (Path p : (Iterable<Path>) s.sorted()::iterator) {
          files.add(new BlockFile("chunks/" + p.getFileName(), Files.size(p), null, null));
        }
      }
      files.add(new BlockFile("index", Files.size(tmpDir.resolve("index")), null, null));
      files.add(new BlockFile(BlockMeta.FILE_NAME, 0, null, null));
      meta = meta.withThanos(thanos.withFiles(files).withIndexStats(seriesMax, chunks.maxChunkSize()));
    }
    meta = finish.apply(meta);
    meta.write(tmpDir.resolve(BlockMeta.FILE_NAME));
    Path target = parent.resolve(ulid);
    Files.move(tmpDir, target, StandardCopyOption.ATOMIC_MOVE);
    return meta;
  }

  private void replaySpill(IndexWriter iw) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spillFile), 1 << 16))) {
      long[] mint = new long[8];
      long[] maxt = new long[8];
      long[] refs = new long[8];
      for (long s = 0; s < numSeries; s++) {
        int nl = in.readInt();
        String[] names = new String[nl];
        String[] values = new String[nl];
        for (int i = 0; i < nl; i++) {
          names[i] = readString(in);
          values[i] = readString(in);
        }
        int nc = in.readInt();
        if (mint.length < nc) {
          mint = new long[nc];
          maxt = new long[nc];
          refs = new long[nc];
        }
        for (int i = 0; i < nc; i++) {
          mint[i] = in.readLong();
          maxt[i] = in.readLong();
          refs[i] = in.readLong();
        }
        iw.addSeries(Labels.fromSortedArrays(names, values), mint, maxt, refs, nc);
      }
      if (in.read() >= 0) {
        throw new IOException("spill file has trailing data");
      }
    } catch (EOFException e) {
      throw new IOException("spill file truncated", e);
    }
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Number of chunks added so far. */
  public long numChunks() {
    return numChunks;
  }

  /** Number of series added so far. */
  public long numSeries() {
    return numSeries;
  }

  /** The ULID of the block. */
  public String ulid() {
    return ulid;
  }

  /** Abandons an uncommitted block, deleting its temporary directory. */
  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    chunks.close();
    spill.close();
    try (Stream<Path> s = Files.walk(tmpDir)) {
      for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
