package io.thanosjvm.tools.bucket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.cli.ParsedArgs;
import io.thanosjvm.model.PromDuration;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.tools.bucket.verify.Verifier;
import io.thanosjvm.tools.bucket.verify.VerifyContext;
import io.thanosjvm.tools.logfmt.ToolLog;
import io.thanosjvm.tsdb.fileutil.DirTrees;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code bucket verify [-i <issue>...] [-r] [--objstore-backup.config(-file)=...] [--id=<ULID>...]
 * [--delete-delay=0s]}: Thanos' bucket verifier. Checks the bucket for the chosen issues (default {@code
 * index_known_issues} and {@code overlapped_blocks}) and logs each finding in Thanos' words; with {@code --repair}
 * fixes the repairable ones, backing every replaced block up to the backup bucket first. Findings do not change the
 * exit code (as in Thanos): 0 when the checks ran, 1 when they could not, 2 for usage errors.
 */
public final class VerifyCommand {

  private static final String USAGE = """
      usage: bucket verify (--objstore.config-file=<file> | --objstore.config=<yaml>) [-i <issue>]... [-r]
                           [--objstore-backup.config-file=<file> | --objstore-backup.config=<yaml>]
                           [--id=<ULID>]... [--delete-delay=0s]
        -i, --issues          issues to verify (and optionally repair), repeatable; default index_known_issues and
                              overlapped_blocks. Verify only: overlapped_blocks; verify and repair:
                              index_known_issues, duplicated_compaction
        -r, --repair          attempt to repair blocks for which issues were detected (needs the backup bucket)
        --objstore-backup.config(-file)  bucket the repair backs blocks up to before removing them
        --id                  block IDs to verify (and optionally repair) only; default all
        --delete-delay        0s deletes a replaced block at once, otherwise it is marked for deletion
      Stop the compactor on the bucket while repairing.
      """;
  private static final String ISSUES = "issues";
  private static final String REPAIR = "repair";
  private static final String ID = "id";
  private static final String BACKUP = "objstore-backup.config";
  private static final String BACKUP_FILE = "objstore-backup.config-file";

  private final Clock clock;

  /** A command stamping its log, markers and new blocks with {@code clock}. */
  public VerifyCommand(Clock clock) {
    this.clock = clock;
  }

  /** Runs the command; returns the exit code. */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    List<String> issues;
    Duration deleteDelay;
    Set<String> ids = new LinkedHashSet<>();
    boolean repair;
    Optional<ObjstoreConfig> backupConfig;
    try {
      f = BucketArgs.parse(args, Set.of(ISSUES, ID, BACKUP, BACKUP_FILE, FlagNames.DELETE_DELAY), Set.of(REPAIR),
          Map.of("-i", ISSUES, "-r", REPAIR));
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      issues = f.all(ISSUES).isEmpty() ? Verifier.DEFAULT_ISSUES : f.all(ISSUES);
      for (String id : f.all(ID)) {
        if (!BlockMeta.isUlid(id)) {
          throw new IllegalArgumentException("invalid ULID " + id);
        }
        ids.add(id);
      }
      String delay = f.get(FlagNames.DELETE_DELAY, "0s");
      deleteDelay = PromDuration.parse(delay);
      repair = f.bool(REPAIR, false);
      if (f.has(BACKUP) && f.has(BACKUP_FILE)) {
        throw new IllegalArgumentException("at most one of --" + BACKUP + " and --" + BACKUP_FILE + " may be given");
      }
      backupConfig = ObjstoreConfigLoader.resolve(f.get(BACKUP_FILE, ""), f.get(BACKUP, ""));
      if (repair && backupConfig.isEmpty()) {
        throw new IllegalArgumentException("repair is specified, so backup client is required");
      }
    } catch (RuntimeException e) {
      err.println("bucket verify: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Path tmp;
    try {
      tmp = Files.createTempDirectory("thanos-verify");
    } catch (IOException e) {
      err.println("bucket verify: " + e.getMessage());
      return 1;
    }
    ToolLog log = new ToolLog(out, clock);
    try (Bucket bucket = BucketArgs.open(f, clock);
        Bucket backup = backupConfig.isPresent()
            ? BucketFactory.create(backupConfig.get(), new SimpleMeterRegistry(), clock) : null) {
      VerifyContext ctx = new VerifyContext(bucket, backup, deleteDelay, clock, tmp, log);
      Verifier v = Verifier.select(issues, repair, ctx);
      if (repair) {
        v.verifyAndRepair(ids);
      } else {
        v.verify(ids);
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("bucket verify: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      log.error("running command failed", "err", e.getMessage());
      return 1;
    } finally {
      try {
        DirTrees.delete(tmp);
      } catch (IOException e) {
        err.println("bucket verify: could not remove " + tmp + ": " + e.getMessage());
      }
    }
  }
}
