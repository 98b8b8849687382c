package io.thanosjvm.app.tools;

import io.thanosjvm.tools.blocks.GenerateCommand;
import io.thanosjvm.tools.bucket.CleanupCommand;
import io.thanosjvm.tools.bucket.DownsampleCommand;
import io.thanosjvm.tools.bucket.InspectCommand;
import io.thanosjvm.tools.bucket.LsCommand;
import io.thanosjvm.tools.bucket.MarkCommand;
import io.thanosjvm.tools.bucket.ReplicateCommand;
import io.thanosjvm.tools.bucket.RewriteCommand;
import io.thanosjvm.tools.bucket.RetentionCommand;
import io.thanosjvm.tools.bucket.UploadBlocksCommand;
import io.thanosjvm.tools.bucket.VerifyCommand;
import io.thanosjvm.tools.bucket.WebCommand;
import io.thanosjvm.tools.rules.RulesCheckCommand;
import io.thanosjvm.tools.tsdb.AnalyzeCommand;
import io.thanosjvm.tools.tsdb.DumpCommand;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of {@code thanos-tools-app.jar}: {@code tsdb dump|analyze ...},
 * {@code bucket ls|inspect|upload-blocks|mark|cleanup|retention|rewrite|verify|replicate|downsample|web ...},
 * {@code blocks generate ...} and {@code rules-check --rules=...}. Exits with the command's exit code (2 for usage
 * errors).
 */
public final class ThanosToolsMain {

  private static final String USAGE = """
      usage: thanos-tools <command> [args]
      commands:
        tsdb dump <dir> [--match=<selector>] [--min-time=<ms>] [--max-time=<ms>]
        tsdb analyze <dir> [block-id] [--limit=N]
        blocks generate --output-dir <dir> [--series N] [--duration 6h] [--step 15s] [--block-duration 2h]
                        [--seed S] [--external-label k=v ...] [--start <ms|RFC3339>]
        bucket ls|inspect|upload-blocks|mark|cleanup|retention|rewrite|verify|replicate|downsample|web (--objstore.config-file=<file> | --objstore.config=<yaml>) ...
        rules-check --rules=<file> ...
      Run a command with --help for its flags.
      """;

  private ThanosToolsMain() {}

  /** Runs the tool and exits the JVM with its code. */
  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /** Dispatches {@code args}; returns the exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
      (args.isEmpty() ? err : out).print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    if (args.get(0).equals("rules-check")) {
      return new RulesCheckCommand().run(args.subList(1, args.size()), out, err);
    }
    if (args.size() < 2) {
      err.println("missing subcommand for " + args.get(0));
      err.print(USAGE);
      return 2;
    }
    String cmd = args.get(0) + " " + args.get(1);
    List<String> rest = args.subList(2, args.size());
    return switch (cmd) {
      case "tsdb dump" -> new DumpCommand().run(rest, out, err);
      case "tsdb analyze" -> new AnalyzeCommand().run(rest, out, err);
      case "blocks generate" -> new GenerateCommand().run(rest, out, err);
      case "bucket ls" -> new LsCommand(Clock.systemUTC()).run(rest, out, err);
      case "bucket inspect" -> new InspectCommand(Clock.systemUTC()).run(rest, out, err);
      case "bucket upload-blocks" -> new UploadBlocksCommand(Clock.systemUTC()).run(rest, out, err);
      case "bucket mark" -> new MarkCommand(Clock.systemUTC()).run(rest, out, err);
      case "bucket cleanup" -> new CleanupCommand(Clock.systemUTC()).run(rest, out, err);
      case "bucket retention" -> new RetentionCommand(Clock.systemUTC()).run(rest, out, err);
      case "bucket rewrite" -> new RewriteCommand(Clock.systemUTC()).run(rest, out, err);
      case "bucket verify" -> new VerifyCommand(Clock.systemUTC()).run(rest, out, err);
      case "bucket replicate" -> new ReplicateCommand(Clock.systemUTC()).run(rest, out, err);
      case "bucket downsample" -> new DownsampleCommand(Clock.systemUTC()).run(rest, out, err);
      case "bucket web" -> new WebCommand(Clock.systemUTC(), new CountDownLatch(1)).run(rest, out, err);
      default -> {
        err.println("unknown command: " + cmd);
        err.print(USAGE);
        yield 2;
      }
    };
  }
}
