package io.thanosjvm.tools.bucket;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.cli.LabelFlags;
import io.thanosjvm.cli.ParsedArgs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bucket upload-blocks --path=<dir> --label=name="value" ...}: uploads every block directory under
 * {@code path} not yet in the bucket (meta.json last, source {@code bucket.upload}, the given external
 * labels). Compacted blocks (level above 1) are skipped unless {@code --shipper.upload-compacted}.
 */
public final class UploadBlocksCommand {

  private static final String USAGE = """
      usage: bucket upload-blocks (--objstore.config-file=<file> | --objstore.config=<yaml>) --path=<dir>
                                  --label=<name>="<value>" ... [--shipper.upload-compacted]
      """;

  private final Clock clock;

  /** A command stamping uploads with {@code clock}. */
  public UploadBlocksCommand(Clock clock) {
    this.clock = clock;
  }

  /** Runs the command; returns the exit code (0 ok, 1 failure, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    Map<String, String> labels;
    try {
      f = BucketArgs.parse(args, Set.of("path", "label"), Set.of(FlagNames.SHIPPER_UPLOAD_COMPACTED), Map.of());
      if (f.help()) {
        out.print(USAGE);
        return 0;
      }
      labels = labels(f.all("label"));
      if (labels.isEmpty()) {
        throw new IllegalArgumentException("no external labels configured; uniquely identifying external labels "
            + "must be given with --" + FlagNames.LABEL);
      }
    } catch (IllegalArgumentException e) {
      err.println("bucket upload-blocks: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    Path dir = Path.of(f.get("path", "./data"));
    boolean compacted = f.bool(FlagNames.SHIPPER_UPLOAD_COMPACTED, false);
    int failures = 0;
    try (Bucket bucket = BucketArgs.open(f, clock); Stream<Path> entries = Files.list(dir)) {
      BlockUploader uploader = new BlockUploader(bucket, clock);
      for (Path block : entries.filter(p -> BlockMeta.isUlid(p.getFileName().toString())).sorted().toList()) {
        String id = block.getFileName().toString();
        try {
          if (bucket.exists(id + "/" + BlockMeta.FILE_NAME)) {
            out.println("skipped " + id + ": already in the bucket");
            continue;
          }
          if (!compacted && Files.isRegularFile(block.resolve(BlockMeta.FILE_NAME))
              && BlockMeta.read(block.resolve(BlockMeta.FILE_NAME)).compactionLevel() > 1) {
            out.println("skipped " + id + ": compacted block (use --" + FlagNames.SHIPPER_UPLOAD_COMPACTED + ")");
            continue;
          }
          uploader.upload(block, new UploadOptions(labels, UploadOptions.SOURCE_BUCKET_UPLOAD, 0, true));
          out.println("uploaded " + id);
        } catch (IOException | RuntimeException e) {
          failures++;
          err.println("bucket upload-blocks: " + id + ": " + e.getMessage());
        }
      }
    } catch (Exception e) {
      err.println("bucket upload-blocks: " + e.getMessage());
      return 1;
    }
    return failures == 0 ? 0 : 1;
  }

  /** Parses {@code name="value"} flags ({@link LabelFlags}). */
  static Map<String, String> labels(List<String> flags) {
    return LabelFlags.parse(flags).toMap();
  }
}
