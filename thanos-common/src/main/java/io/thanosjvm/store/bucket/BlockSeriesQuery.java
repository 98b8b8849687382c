package io.thanosjvm.store.bucket;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.store.ShardMatcher;
import io.thanosjvm.store.StoreRequestException;
import io.thanosjvm.store.cache.IndexCache;
import io.thanosjvm.tsdb.chunkenc.AggrType;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.index.SeriesEntry;
import io.thanosjvm.wire.storepb.Aggr;
import io.thanosjvm.wire.storepb.AggrChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * One block's part of a Series request: external labels decide their matchers, the rest select postings; series
 * entries are read in batches, their chunks overlapping the range fetched (unless skip_chunks) and turned into
 * wire chunks — raw as they are, downsampled ones reduced to the requested aggregates.
 */
final class BlockSeriesQuery {

  /** Series entries read per batch (Thanos' {@code --debug.series-batch-size}). */
  static final int BATCH = 10_000;

  /** One result series: labels with external labels attached, and its chunks in time order. */
  record Result(Labels labels, List<AggrChunk> chunks) {}

  /** What the request asks of each block. */
  record Params(long minTime, long maxTime, boolean skipChunks, List<Aggr> aggregates,
      Collection<String> withoutLabels, ShardMatcher shard) {}

  private BlockSeriesQuery() {}

  /** The block's series for the request, sorted by labels; empty when its external labels rule it out. */
  static List<Result> run(BucketBlock block, List<Matcher> matchers, Params p, IndexCache cache,
      RequestBudget budget) throws IOException {
    Optional<List<Matcher>> remaining = dataMatchers(block.externalLabels(), matchers);
    if (remaining.isEmpty()) {
      return List.of();
    }
    int[] refs = BlockPostings.select(block, remaining.get(), cache, budget);
    budget.reserveSeries(refs.length);
    List<Result> out = new ArrayList<>();
    for (int from = 0; from < refs.length; from += BATCH) {
      int to = Math.min(refs.length, from + BATCH);
      SeriesEntry[] entries = BlockSeriesEntries.read(block, refs, from, to, cache, budget);
      if (p.shard().sharded()) {
        entries = inShard(block, entries, p);
      }
      if (p.skipChunks()) {
        for (SeriesEntry e : entries) {
          if (anyOverlap(e, p)) {
            out.add(new Result(block.external().attachTo(e.labels(), p.withoutLabels()), List.of()));
          }
        }
      } else {
        addWithChunks(block, entries, p, budget, out);
      }
    }
    boolean sorted = true;
    for (int i = 1; i < out.size() && sorted; i++) {
      sorted = out.get(i - 1).labels().compareTo(out.get(i).labels()) < 0;
    }
    if (!sorted) {
      out.sort((a, b) -> a.labels().compareTo(b.labels()));
    }
    return out;
  }

  /** The entries whose series (external labels attached, replica labels removed) belong to the request's shard. */
  private static SeriesEntry[] inShard(BucketBlock block, SeriesEntry[] entries, Params p) {
    int n = 0;
    SeriesEntry[] out = new SeriesEntry[entries.length];
    for (SeriesEntry e : entries) {
      if (p.shard().matches(block.external().attachTo(e.labels(), p.withoutLabels()))) {
        out[n++] = e;
      }
    }
    return n == entries.length ? entries : java.util.Arrays.copyOf(out, n);
  }

  /** Matchers left after the block's external labels decided theirs; empty when one contradicts them. */
  static Optional<List<Matcher>> dataMatchers(Labels external, List<Matcher> matchers) {
    List<Matcher> out = new ArrayList<>(matchers.size());
    for (Matcher m : matchers) {
      if (external.has(m.name())) {
        if (!m.matches(external.get(m.name()))) {
          return Optional.empty();
        }
      } else {
        out.add(m);
      }
    }
    return Optional.of(out);
  }

  private static boolean anyOverlap(SeriesEntry e, Params p) {
    for (ChunkMeta c : e.chunks()) {
      if (c.minTime() <= p.maxTime() && c.maxTime() >= p.minTime()) {
        return true;
      }
    }
    return false;
  }

  private static void addWithChunks(BucketBlock block, SeriesEntry[] entries, Params p, RequestBudget budget,
      List<Result> out) throws IOException {
    int total = 0;
    for (SeriesEntry e : entries) {
      for (ChunkMeta c : e.chunks()) {
        if (c.minTime() <= p.maxTime() && c.maxTime() >= p.minTime()) {
          total++;
        }
      }
    }
    budget.reserveChunks(total);
    long[] refs = new long[total];
    int k = 0;
    for (SeriesEntry e : entries) {
      for (ChunkMeta c : e.chunks()) {
        if (c.minTime() <= p.maxTime() && c.maxTime() >= p.minTime()) {
          refs[k++] = c.ref();
        }
      }
    }
    Chunk[] chunks = BlockChunks.read(block, refs, budget);
    k = 0;
    for (SeriesEntry e : entries) {
      List<AggrChunk> wire = new ArrayList<>();
      for (ChunkMeta c : e.chunks()) {
        if (c.minTime() <= p.maxTime() && c.maxTime() >= p.minTime()) {
          wire.add(toWire(block, c, chunks[k++], p.aggregates()));
        }
      }
      if (!wire.isEmpty()) {
        out.add(new Result(block.external().attachTo(e.labels(), p.withoutLabels()), wire));
      }
    }
  }

  private static AggrChunk toWire(BucketBlock block, ChunkMeta meta, Chunk c, List<Aggr> aggregates) {
    AggrChunk.Builder b = AggrChunk.newBuilder().setMinTime(meta.minTime()).setMaxTime(meta.maxTime());
    if (c.encoding() != ChunkEncoding.AGGR) {
      return b.setRaw(wireChunk(c.encoding(), c.data())).build();
    }
    io.thanosjvm.tsdb.chunkenc.AggrChunk a = io.thanosjvm.tsdb.chunkenc.AggrChunk.parse(c.data(), 0, c.data().length);
    List<Aggr> wanted = aggregates.isEmpty() ? List.of(Aggr.COUNT, Aggr.SUM) : aggregates;
    for (Aggr want : wanted) {
      AggrType t = switch (want) {
        case COUNT -> AggrType.COUNT;
        case SUM -> AggrType.SUM;
        case MIN -> AggrType.MIN;
        case MAX -> AggrType.MAX;
        case COUNTER -> AggrType.COUNTER;
        default -> null;
      };
      if (t == null) {
        continue; // RAW is not stored in downsampled blocks
      }
      if (!a.has(t)) {
        throw StoreRequestException.internal("block " + block.id() + ": downsampled chunk has no " + t
            + " aggregate", null);
      }
      io.thanosjvm.wire.storepb.Chunk wc = wireChunk(a.encoding(t), a.bytes(t));
      switch (t) {
        case COUNT -> b.setCount(wc);
        case SUM -> b.setSum(wc);
        case MIN -> b.setMin(wc);
        case MAX -> b.setMax(wc);
        default -> b.setCounter(wc);
      }
    }
    return b.build();
  }

  private static io.thanosjvm.wire.storepb.Chunk wireChunk(int diskEncoding, byte[] data) {
    io.thanosjvm.wire.storepb.Chunk.Encoding enc = switch (diskEncoding) {
      case ChunkEncoding.XOR -> io.thanosjvm.wire.storepb.Chunk.Encoding.XOR;
      case ChunkEncoding.HISTOGRAM -> io.thanosjvm.wire.storepb.Chunk.Encoding.HISTOGRAM;
      case ChunkEncoding.FLOAT_HISTOGRAM -> io.thanosjvm.wire.storepb.Chunk.Encoding.FLOAT_HISTOGRAM;
      default -> throw StoreRequestException.internal("unknown chunk encoding " + diskEncoding, null);
    };
    return io.thanosjvm.wire.storepb.Chunk.newBuilder().setType(enc)
        .setData(com.google.protobuf.UnsafeByteOperations.unsafeWrap(data)).build();
  }
}
