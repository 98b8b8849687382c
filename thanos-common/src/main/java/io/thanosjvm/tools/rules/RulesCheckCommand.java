package io.thanosjvm.tools.rules;

import io.thanosjvm.cli.ParsedArgs;
import io.thanosjvm.rules.Rule;
import io.thanosjvm.rules.RuleFileException;
import io.thanosjvm.rules.RuleFileParser;
import io.thanosjvm.rules.RuleFiles;
import io.thanosjvm.rules.RuleGroup;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code rules-check --rules=<file-or-glob> ...}: checks each rule file as Thanos does: Prometheus' rule format
 * plus {@code partial_response_strategy} (which promtool would reject), every problem reported with promtool's
 * wording; a pattern matching no file is an error. Prints {@code SUCCESS: N rules found} or {@code FAILED:} and the
 * problems per file as promtool does (failures on stderr, each {@code <file>: <problem>}; promtool's YAML line:column
 * prefixes are not reproduced); exits 1 when any file failed.
 */
public final class RulesCheckCommand {

  private static final String USAGE = """
      usage: rules-check --rules=<file> [--rules=<file> ...]
        --rules  the rule files to check (repeated; globs allowed)
      """;

  /** Runs the command; returns the exit code (0 ok, 1 a file failed, 2 usage error). */
  public int run(List<String> args, PrintStream out, PrintStream err) {
    ParsedArgs f;
    try {
      f = ParsedArgs.parse(args, Set.of("rules"), Set.of());
    } catch (IllegalArgumentException e) {
      err.println("rules-check: " + e.getMessage());
      err.print(USAGE);
      return 2;
    }
    if (f.help()) {
      out.print(USAGE);
      return 0;
    }
    if (f.all("rules").isEmpty() || !f.positional().isEmpty()) {
      err.println("rules-check: required flag --rules not provided");
      err.print(USAGE);
      return 2;
    }
    boolean failed = false;
    for (String pattern : f.all("rules")) {
      List<Path> files;
      try {
        files = RuleFiles.expand(List.of(pattern));
      } catch (IOException e) {
        files = List.of();
      }
      if (files.isEmpty()) {
        out.println("Checking " + pattern);
        err.println("  FAILED:");
        err.println(pattern + ": matching file not found");
        out.println();
        failed = true;
        continue;
      }
      for (Path file : files) {
        out.println("Checking " + file);
        try {
          List<RuleGroup> groups = RuleFileParser.parse(file.toString(),
              Files.readString(file, StandardCharsets.UTF_8));
          int n = groups.stream().mapToInt(g -> g.rules().size()).sum();
          out.println("  SUCCESS: " + n + " rules found");
          warnDuplicates(groups, out);
        } catch (RuleFileException e) {
          err.println("  FAILED:");
          e.problems().forEach(p -> err.println(file + ": " + p));
          failed = true;
        } catch (IOException e) {
          err.println("  FAILED:");
          err.println(file + ": " + e.getMessage());
          failed = true;
        }
        out.println();
      }
    }
    return failed ? 1 : 0;
  }

  /** Prometheus' promtool warns about recording rules defined twice with the same labels. */
  private static void warnDuplicates(List<RuleGroup> groups, PrintStream out) {
    java.util.Map<String, Integer> seen = new java.util.TreeMap<>();
    for (RuleGroup g : groups) {
      for (Rule r : g.rules()) {
        if (r instanceof io.thanosjvm.rules.RecordingRule rr) {
          seen.merge(g.name() + "\u0000" + rr.name() + rr.labels(), 1, Integer::sum);
        }
      }
    }
    long dup = seen.values().stream().filter(c -> c > 1).count();
    if (dup > 0) {
      out.println(dup + " duplicate rule(s) found.");
    }
  }
}
