package io.thanosjvm.tools.bucket.replicate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.BlockCopier;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.fetcher.DeletionMarkFilter;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.fetcher.MetaFilter;
import io.thanosjvm.block.fetcher.TimeFilter;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tools.logfmt.ToolLog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One replication pass, Thanos' {@code replicationScheme}: the source's blocks (meta.json present; only those
 * overlapping {@code [minTime, maxTime]}; without deletion marks when {@code ignoreMarkedForDeletion}) that the
 * {@link BlockFilter} accepts are copied in ULID order. A block whose meta.json in the target has the same bytes is
 * already replicated and skipped; otherwise its chunk segments and index are copied (objects already in the
 * target are kept, so an interrupted pass resumes), then meta.json, byte for byte.
 */
public final class Replicator {

  /**
   * What a pass did.
   *
   * @param replicated blocks copied
   * @param alreadyReplicated blocks skipped because the target holds them
   * @param bytes bytes copied
   */
  public record Result(int replicated, int alreadyReplicated, long bytes) {}

  private final Bucket from;
  private final Bucket to;
  private final BlockFilter filter;
  private final long minTime;
  private final long maxTime;
  private final boolean ignoreMarkedForDeletion;
  private final Clock clock;
  private final ToolLog log;

  /** A replicator from {@code from} to {@code to}. */
  public Replicator(Bucket from, Bucket to, BlockFilter filter, long minTime, long maxTime,
      boolean ignoreMarkedForDeletion, Clock clock, ToolLog log) {
    this.from = Objects.requireNonNull(from, "from");
    this.to = Objects.requireNonNull(to, "to");
    this.filter = Objects.requireNonNull(filter, "filter");
    this.minTime = minTime;
    this.maxTime = maxTime;
    this.ignoreMarkedForDeletion = ignoreMarkedForDeletion;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
  }

  /** Runs one pass. */
  public Result run() throws IOException {
    List<MetaFilter> filters = new ArrayList<>(List.of(new TimeFilter(minTime, maxTime)));
    if (ignoreMarkedForDeletion) {
      filters.add(new DeletionMarkFilter(new Markers(from, clock), Duration.ZERO, clock));
    }
    List<BlockMeta> chosen = new ArrayList<>();
    for (BlockMeta m : new MetaFetcher(from, 32, filters, new FetcherMetrics(new SimpleMeterRegistry())).fetch()
        .metas().values()) {
      if (filter.accepts(m, log)) {
        chosen.add(m);
      }
    }
    log.info("blocks to replicate", "num", chosen.size());
    int replicated = 0;
    int already = 0;
    long bytes = 0;
    for (BlockMeta m : chosen) {
      Optional<Long> copied = ensureBlockIsReplicated(m.ulid());
      if (copied.isEmpty()) {
        already++;
      } else {
        replicated++;
        bytes += copied.get();
      }
    }
    return new Result(replicated, already, bytes);
  }

  /** Copies the block unless the target holds it already; returns the bytes copied, empty when skipped. */
  private Optional<Long> ensureBlockIsReplicated(String id) throws IOException {
    String metaFile = id + "/" + BlockMeta.FILE_NAME;
    byte[] origin;
    try (InputStream in = from.get(metaFile)) {
      origin = in.readAllBytes();
    }
    if (to.exists(metaFile)) {
      byte[] target;
      try (InputStream in = to.get(metaFile)) {
        target = in.readAllBytes();
      }
      if (Arrays.equals(origin, target)) {
        log.info("skipping block as already replicated", "block_uuid", id);
        return Optional.empty();
      }
    }
    log.info("replicating block", "block_uuid", id);
    List<String> chunks = new ArrayList<>();
    from.iter(id + "/chunks", chunks::add);
    long bytes = 0;
    for (String name : chunks) {
      if (!name.endsWith("/")) {
        bytes += ensureObjectReplicated(name);
      }
    }
    bytes += ensureObjectReplicated(id + "/index");
    to.upload(metaFile, new ByteArrayInputStream(origin), origin.length);
    return Optional.of(bytes + origin.length);
  }

  private long ensureObjectReplicated(String name) throws IOException {
    if (to.exists(name)) {
      return 0;
    }
    return new BlockCopier(from, to).copyObject(name);
  }
}
