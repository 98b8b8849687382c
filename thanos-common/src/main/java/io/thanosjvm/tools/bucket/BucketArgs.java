package io.thanosjvm.tools.bucket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.cli.FlagNames;
import io.thanosjvm.cli.ParsedArgs;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Flag handling shared by the bucket commands (parsed by the shared cli parser): short-flag aliases and the objstore flags. */
final class BucketArgs {

  static final String CONFIG_FILE = FlagNames.OBJSTORE_CONFIG_FILE;
  static final String CONFIG = FlagNames.OBJSTORE_CONFIG;

  private BucketArgs() {}

  /** Parses {@code args}, mapping short flags ({@code -o x}) to long ones, adding the objstore flags. */
  static ParsedArgs parse(List<String> args, Set<String> valued, Set<String> booleans, Map<String, String> shortFlags) {
    List<String> expanded = new ArrayList<>(args.size());
    for (String a : args) {
      String longName = shortFlags.get(a);
      expanded.add(longName == null ? a : "--" + longName);
    }
    Set<String> all = new HashSet<>(valued);
    all.add(CONFIG_FILE);
    all.add(CONFIG);
    return ParsedArgs.parse(expanded, all, booleans);
  }

  /** Opens the bucket named by the objstore flags (exactly one must be given). */
  static Bucket open(ParsedArgs f, Clock clock) throws IOException {
    ObjstoreConfig config;
    if (f.has(CONFIG_FILE) == f.has(CONFIG)) {
      throw new IllegalArgumentException("exactly one of --" + CONFIG_FILE + " and --" + CONFIG + " is required");
    }
    config = ObjstoreConfigLoader.resolve(f.get(CONFIG_FILE, ""), f.get(CONFIG, "")).orElseThrow();
    return BucketFactory.create(config, new SimpleMeterRegistry(), clock);
  }
}
