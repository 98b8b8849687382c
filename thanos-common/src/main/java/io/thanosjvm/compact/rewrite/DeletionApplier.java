package io.thanosjvm.compact.rewrite;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.deletion.DeleteRequestStore;
import io.thanosjvm.block.deletion.DeleteSeriesRequest;
import io.thanosjvm.block.fetcher.DeletionMarkFilter;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFilter;
import io.thanosjvm.block.fetcher.SyncState;
import io.thanosjvm.block.metadata.Marker;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.Tombstones;
import io.thanosjvm.tsdb.Ulid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compactor's pass applying the recorded deletion requests ({@code tombstones/}): every raw block overlapping a
 * request's range is rewritten with {@link BlockRewriter} (as {@code tools bucket rewrite} does), the new block's
 * {@code rewrites.deletions_applied} naming the requests by {@code request_id}, and the old block marked for
 * deletion (the cleaner deletes it after the delete delay). Idempotent: a block carrying a request's id, or whose
 * compaction sources all carry it (or were found untouched by it), is not rewritten for it again; a block the
 * request turns out not to touch is not uploaded again but remembered. Blocks uploaded later are handled on the next
 * pass. The requests stay in the bucket: the querier's filtering of them is harmless once applied.
 */
public final class DeletionApplier {

  private static final Logger LOG = LoggerFactory.getLogger(DeletionApplier.class);

  /**
   * The source of the blocks this pass writes: the compactor's, so, like its compaction output, they are visible
   * without the consistency delay and replace the old block at once (no gap for compaction to plan over).
   */
  public static final String SOURCE = "compactor";

  private final Bucket bucket;
  private final Path workDir;
  private final Clock clock;
  private final MetaFetcher fetcher;
  private final Counter applied;
  private final Counter rewritten;
  private final Counter failures;
  private final Ulid ulids;
  /** {@code <block>/<request>} pairs found untouched by the request (no sample deleted). */
  private final Set<String> untouched = new HashSet<>();

  /** How the deletion marks of the blocks this pass replaced begin (see {@link #replacedFilter}). */
  public static final String MARK_DETAILS_PREFIX = "deletion requests applied: ";

  /** The counts of one pass. */
  public record Result(int blocksRewritten, int requestsApplied) {}

  /**
   * A pass over {@code bucket}.
   *
   * @param workDir where blocks are downloaded and rewritten (emptied after each block)
   * @param metaFetchConcurrency parallel meta.json reads
   */
  public DeletionApplier(Bucket bucket, Path workDir, Clock clock, MeterRegistry registry,
      int metaFetchConcurrency) {
    this(bucket, workDir, clock, registry, metaFetchConcurrency, List.of());
  }

  /**
   * A pass over the blocks {@code filters} keep: the compactor's {@code --min-time}/{@code --max-time} and
   * {@code --selector.relabel-config}, so sharded compactors each rewrite only their own blocks.
   */
  public DeletionApplier(Bucket bucket, Path workDir, Clock clock, MeterRegistry registry, int metaFetchConcurrency,
      List<MetaFilter> filters) {
    this.bucket = bucket;
    this.workDir = workDir;
    this.clock = clock;
    this.fetcher = new MetaFetcher(bucket, metaFetchConcurrency, filters,
        new FetcherMetrics(new SimpleMeterRegistry())); // the compactor's own sync owns the fetcher metrics
    this.failures = Counter.builder("thanos_compact_deletion_failures_total")
        .description("Blocks a deletion pass failed to rewrite (retried on the next pass).").register(registry);
    this.applied = Counter.builder("thanos_compact_deletion_requests_applied_total")
        .description("Deletion requests applied to a block by rewriting it.").register(registry);
    this.rewritten = Counter.builder("thanos_compact_deletion_blocks_rewritten_total")
        .description("Blocks rewritten (or marked for deletion when nothing was left) to apply deletion requests.")
        .register(registry);
    this.ulids = new Ulid(clock, new SecureRandom());
  }

  /**
   * A filter for the compactor's sync, placed after {@code marks}: hides at once the blocks this pass replaced,
   * whatever the delete delay, so they are never compacted again next to their rewritten copies.
   */
  public static MetaFilter replacedFilter(DeletionMarkFilter marks) {
    return (metas, synced) -> {
      for (Map.Entry<String, Marker> e : marks.deletionMarks().entrySet()) {
        if (e.getValue().details().startsWith(MARK_DETAILS_PREFIX) && metas.remove(e.getKey()) != null) {
          synced.inc(SyncState.MARKED_FOR_DELETION);
        }
      }
    };
  }

  /** Applies every recorded request to the blocks that still hold what it deletes. */
  public synchronized Result apply() throws IOException {
    List<DeleteSeriesRequest> requests = new DeleteRequestStore(bucket).list();
    if (requests.isEmpty()) {
      return new Result(0, 0);
    }
    Map<String, BlockMeta> metas = fetcher.fetch().metas();
    Map<String, Set<String>> carriers = new HashMap<>();
    for (BlockMeta m : metas.values()) {
      for (String id : m.thanos().map(ThanosMeta::appliedDeletionRequestIds).orElse(Set.of())) {
        carriers.computeIfAbsent(id, x -> new HashSet<>()).add(m.ulid());
      }
    }
    int blocks = 0;
    int requestsApplied = 0;
    for (BlockMeta m : metas.values()) {
      List<DeleteSeriesRequest> todo = new ArrayList<>();
      for (DeleteSeriesRequest r : requests) {
        if (needs(m, r, carriers)) {
          todo.add(r);
        }
      }
      if (todo.isEmpty() || bucket.exists(Markers.objectName(m.ulid(), MarkerKind.DELETION))) {
        continue;
      }
      if (m.thanos().map(ThanosMeta::resolution).orElse(0L) != 0) {
        LOG.warn("deletion requests not applied to a downsampled block (the querier still hides the series): "
            + "block={} requests={}", m.ulid(), todo.stream().map(DeleteSeriesRequest::requestId).toList());
        todo.forEach(r -> untouched.add(m.ulid() + "/" + r.requestId()));
        continue;
      }
      try {
        if (rewrite(m, todo)) {
          blocks++;
          requestsApplied += todo.size();
        }
      } catch (IOException | RuntimeException e) {
        // one block that cannot be rewritten must not stop the others, nor compaction: retried next pass
        failures.increment();
        LOG.error("applying deletion requests failed; retrying on the next pass: block={} err={}", m.ulid(),
            e.toString());
      }
    }
    return new Result(blocks, requestsApplied);
  }

  private boolean needs(BlockMeta m, DeleteSeriesRequest r, Map<String, Set<String>> carriers) {
    if (r.minTime() > r.maxTime() || r.minTime() >= m.maxTime() || r.maxTime() < m.minTime()) {
      return false; // the block holds [minTime, maxTime)
    }
    Set<String> done = carriers.getOrDefault(r.requestId(), Set.of());
    if (done.contains(m.ulid()) || untouched.contains(m.ulid() + "/" + r.requestId())) {
      return false;
    }
    for (String source : m.sources()) {
      if (!done.contains(source) && !untouched.contains(source + "/" + r.requestId())) {
        return true;
      }
    }
    return m.sources().isEmpty();
  }

  /** Rewrites one block for {@code todo}; returns whether the bucket changed. */
  private boolean rewrite(BlockMeta old, List<DeleteSeriesRequest> todo) throws IOException {
    String id = old.ulid();
    Path work = workDir.resolve(id + "-deletions");
    deleteTree(work);
    try {
      Path original = new BlockDownloader(bucket).download(id, work.resolve("in"));
      String newId = ulids.next();
      Optional<BlockMeta> result = new BlockRewriter().rewrite(original, deletions(todo), work.resolve("out"), newId);
      List<String> ids = todo.stream().map(DeleteSeriesRequest::requestId).toList();
      if (result.isPresent() && result.get().numSamples() == old.numSamples()) {
        todo.forEach(r -> untouched.add(id + "/" + r.requestId()));
        LOG.debug("deletion requests delete nothing in block: block={} requests={}", id, ids);
        return false;
      }
      if (result.isPresent()) {
        BlockMeta m = result.get();
        ThanosMeta thanos = m.thanos().orElseThrow();
        new BlockUploader(bucket, clock).upload(work.resolve("out").resolve(newId),
            new UploadOptions(thanos.labels(), SOURCE, thanos.resolution(), false));
      }
      String details = MARK_DETAILS_PREFIX + ids + (result.isPresent() ? ", rewritten as " + newId
          : ", no series left");
      new Markers(bucket, clock).mark(id, MarkerKind.DELETION, details, "");
      applied.increment(todo.size());
      rewritten.increment();
      LOG.info("applied deletion requests: block={} new_block={} requests={} samples_before={} samples_after={}",
          id, result.isPresent() ? newId : "", ids, old.numSamples(),
          result.map(BlockMeta::numSamples).orElse(0L));
      return true;
    } finally {
      deleteTree(work);
    }
  }

  /** The requests as Thanos' deletion requests: one per selector, the request's id on each. */
  static List<DeletionRequest> deletions(List<DeleteSeriesRequest> requests) {
    List<DeletionRequest> out = new ArrayList<>();
    for (DeleteSeriesRequest r : requests) {
      List<Tombstones.Interval> range = List.of(new Tombstones.Interval(r.minTime(), r.maxTime()));
      for (String selector : r.matchers()) {
        out.add(new DeletionRequest(selector, DeleteSeriesRequest.parse(selector), range, r.requestId()));
      }
    }
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
