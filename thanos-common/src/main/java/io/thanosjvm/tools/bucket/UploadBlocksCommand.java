package io.thanosjvm.tools.bucket;

import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.Label;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.cli.ParsedArgs;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

  /** Parses {@code name="value"} (Prometheus external-label flag syntax; the value must be quoted). */
  static Map<String, String> labels(List<String> flags) {
    Map<String, String> out = new TreeMap<>();
    for (String kv : flags) {
      int eq = kv.indexOf('=');
      String name = eq < 0 ? "" : kv.substring(0, eq);
      String value = eq < 0 ? "" : kv.substring(eq + 1);
      if (!Label.isValidName(name) || value.length() < 2 || value.charAt(0) != '"'
          || value.charAt(value.length() - 1) != '"') {
        throw new IllegalArgumentException("--" + FlagNames.LABEL + " must be <name>=\"<value>\": " + kv);
      }
      out.put(name, unquote(value.substring(1, value.length() - 1), kv));
    }
    return out;
  }

  private static String unquote(String s, String flag) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') {
        throw new IllegalArgumentException("unescaped quote in --" + FlagNames.LABEL + " " + flag);
      }
      if (c == '\\') {
        if (++i == s.length()) {
          throw new IllegalArgumentException("dangling backslash in --" + FlagNames.LABEL + " " + flag);
        }
        char e = s.charAt(i);
        sb.append(switch (e) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case '\\', '"' -> e;
          default -> throw new IllegalArgumentException("unsupported escape \\" + e + " in --" + FlagNames.LABEL + " " + flag);
        });
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
