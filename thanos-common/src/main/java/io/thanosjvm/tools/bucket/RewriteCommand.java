package io.thanosjvm.tools.bucket;

import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.Markers;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.cli.ParsedArgs;
import io.thanosjvm.compact.rewrite.BlockRewriter;
import io.thanosjvm.compact.rewrite.DeletionConfigParser;
import io.thanosjvm.compact.rewrite.DeletionRequest;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.Ulid;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bucket rewrite --id=<ULID> ... --rewrite.to-delete-config(-file)=<yaml> [--no-dry-run] [--delete-blocks]}:
 * downloads each block, writes a copy without the series (or time ranges) the deletion requests select and, unless
 * it is a dry run (the default, as in Thanos), uploads it (meta.json last, source {@code bucket.rewrite}) and, with
 * {@code --delete-blocks}, marks the original for deletion. A dry run reports what would change and touches
 * nothing in the bucket.
 */
public final class RewriteCommand {

  private static final String USAGE = """
      usage: bucket rewrite (--objstore.config-file=<file> | --objstore.config=<yaml>) --id=<ULID> ...
                            (--rewrite.to-delete-config-file=<file> | --rewrite.to-delete-config=<yaml>)
                            [--tmp.dir=<dir>] [--[no-]dry-run] [--delete-blocks]
      """;
  private static final String DELETE_CONFIG = "rewrite.to-delete-config";
  private static final String DELETE_CONFIG_FILE = "rewrite.to-delete-config-file";

  private final Clock clock;

  /** A command stamping new blocks and markers with {@code clock}. */
  public RewriteCommand(Clock clock) {
    this.clock = clock;
  }

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    List<DeletionRequest> deletions;
    try {
      f = BucketArgs.parse(args, Set.of("id", "tmp.dir", DELETE_CONFIG, DELETE_CONFIG_FILE),
          Set.of("dry-run", "delete-blocks"), Map.of());
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      if (f.all("id").isEmpty()) {
        throw new IllegalArgumentException("--id is required");
      }
      for (String id : f.all("id")) {
        if (!BlockMeta.isUlid(id)) {
          throw new IllegalArgumentException("--id is not a ULID: " + id);
        }
      }
      deletions = DeletionConfigParser.parse(deleteConfig(f));
      if (deletions.isEmpty()) {
        throw new IllegalArgumentException("the deletion config holds no request: nothing to rewrite");
      }
    } catch (IllegalArgumentException | IOException e) {
      err.println("bucket rewrite: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    boolean dryRun = f.bool("dry-run", true);
    Path tmp = Path.of(f.get("tmp.dir", System.getProperty("java.io.tmpdir") + "/thanos-rewrite"));
    Ulid ulids = new Ulid(clock, new SecureRandom());
    try (Bucket bucket = BucketArgs.open(f, clock)) {
      for (String id : f.all("id")) {
        Path work = tmp.resolve(id + "-rewrite");
        deleteTree(work);
        Path original = new BlockDownloader(bucket).download(id, work.resolve("in"));
        String newId = ulids.next();
        Optional<BlockMeta> rewritten = new BlockRewriter().rewrite(original, deletions, work.resolve("out"), newId);
        BlockMeta old = BlockMeta.read(original.resolve(BlockMeta.FILE_NAME));
        String summary = rewritten.map(m -> "series " + old.numSeries() + " -> " + m.numSeries() + ", samples "
            + old.numSamples() + " -> " + m.numSamples()).orElse("every series deleted: no block left");
        if (dryRun) {
          out.println("dry run: block " + id + " would be rewritten (" + summary + "); nothing changed "
              + "(--no-dry-run to apply)");
          deleteTree(work);
          continue;
        }
        if (rewritten.isPresent()) {
          BlockMeta m = rewritten.get();
          new BlockUploader(bucket, clock).upload(work.resolve("out").resolve(newId), new UploadOptions(
              m.thanos().orElseThrow().labels(), BlockRewriter.SOURCE,
              m.thanos().orElseThrow().resolution(), false));
          out.println("rewrote block " + id + " as " + newId + " (" + summary + ")");
        } else {
          out.println("block " + id + ": " + summary);
        }
        if (f.bool("delete-blocks", false)) {
          new Markers(bucket, clock).mark(id, MarkerKind.DELETION, "rewritten as " + newId + " by bucket rewrite",
              Markers.REASON_MANUAL);
          out.println("marked " + id + " for deletion");
        }
        deleteTree(work);
      }
    } catch (Exception e) {
      err.println("bucket rewrite: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  private static String deleteConfig(ParsedArgs f) throws IOException {
    if (f.has(DELETE_CONFIG) == f.has(DELETE_CONFIG_FILE)) {
      throw new IllegalArgumentException("exactly one of --" + DELETE_CONFIG + " and --" + DELETE_CONFIG_FILE
          + " is required");
    }
    return f.has(DELETE_CONFIG) ? f.get(DELETE_CONFIG, "") : Files.readString(Path.of(f.get(DELETE_CONFIG_FILE, "")));
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
