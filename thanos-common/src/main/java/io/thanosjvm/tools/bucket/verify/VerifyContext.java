package io.thanosjvm.tools.bucket.verify;

import io.thanosjvm.tools.logfmt.ToolLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.fetcher.FetcherMetrics;
import io.thanosjvm.block.fetcher.MetaFetcher;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;

/**
 * What an issue check works with (Thanos' {@code verifier.Context}).
 *
 * @param bucket the bucket verified
 * @param backup the backup bucket blocks are copied to before a repair removes them; null when not configured
 * @param deleteDelay 0 to delete a replaced block at once, otherwise it is marked for deletion
 * @param clock stamps log lines, markers and new blocks
 * @param tmpDir where blocks are downloaded and repaired
 * @param log the log, with the verifier's context
 */
public record VerifyContext(Bucket bucket, Bucket backup, Duration deleteDelay, Clock clock, Path tmpDir,
    ToolLog log) {

  /** Validates. */
  public VerifyContext {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(deleteDelay, "deleteDelay");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tmpDir, "tmpDir");
    Objects.requireNonNull(log, "log");
    if (deleteDelay.isNegative()) {
      throw new IllegalArgumentException("delete delay must not be negative");
    }
  }

  /** The same context logging through {@code l}. */
  public VerifyContext withLog(ToolLog l) {
    return new VerifyContext(bucket, backup, deleteDelay, clock, tmpDir, l);
  }

  /**
   * Every block's meta.json, by ULID. As in Thanos' verify, no filter applies: blocks marked for deletion are
   * verified too.
   */
  public SortedMap<String, BlockMeta> metas() throws IOException {
    return new MetaFetcher(bucket, 32, List.of(), new FetcherMetrics(new SimpleMeterRegistry())).fetch().metas();
  }
}
