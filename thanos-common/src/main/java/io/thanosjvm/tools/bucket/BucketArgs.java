package io.thanosjvm.tools.bucket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.client.BucketFactory;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.tools.tsdb.Flags;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Flag handling shared by the bucket commands: short-flag aliases and the objstore flags. */
final class BucketArgs {

  static final String CONFIG_FILE = "objstore.config-file";
  static final String CONFIG = "objstore.config";

  private BucketArgs() {}

  /** Parses {@code args}, mapping short flags ({@code -o x}) to long ones, adding the objstore flags. */
  static Flags parse(List<String> args, Set<String> valued, Set<String> booleans, Map<String, String> shortFlags) {
    List<String> expanded = new ArrayList<>(args.size());
    for (String a : args) {
      String longName = shortFlags.get(a);
      expanded.add(longName == null ? a : "--" + longName);
    }
    Set<String> all = new HashSet<>(valued);
    all.add(CONFIG_FILE);
    all.add(CONFIG);
    Set<String> bools = new HashSet<>(booleans);
    for (String b : booleans) {
      bools.add("no-" + b);
    }
    return Flags.parse(expanded, all, bools);
  }

  /** A kingpin-style boolean: {@code --x}, {@code --x=false} or {@code --no-x}; the last one given wins. */
  static boolean bool(Flags f, String name, boolean def) {
    boolean v = def;
    if (f.has(name)) {
      v = Boolean.parseBoolean(f.get(name, "true"));
    }
    if (f.has("no-" + name)) {
      v = false;
    }
    return v;
  }

  /** Opens the bucket named by the objstore flags (exactly one must be given). */
  static Bucket open(Flags f, Clock clock) throws IOException {
    ObjstoreConfig config;
    if (f.has(CONFIG_FILE) == f.has(CONFIG)) {
      throw new IllegalArgumentException("exactly one of --" + CONFIG_FILE + " and --" + CONFIG + " is required");
    }
    config = ObjstoreConfigLoader.resolve(f.get(CONFIG_FILE, ""), f.get(CONFIG, "")).orElseThrow();
    return BucketFactory.create(config, new SimpleMeterRegistry(), clock);
  }
}
