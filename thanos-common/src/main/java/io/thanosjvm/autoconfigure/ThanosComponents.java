package io.thanosjvm.autoconfigure;

import io.thanosjvm.cli.ComponentCatalog;
import io.thanosjvm.cli.ComponentSpec;
import io.thanosjvm.cli.PropertyRoot;
import java.util.ArrayList;
import java.util.List;

/**
 * The one declaration of the {@code thanos <component>} list: name, description, app module and the property roots
 * whose {@link io.thanosjvm.cli.Flag} fields are its flags (shared groups first). Registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/io.thanosjvm.cli.ComponentCatalog}, so the plain-Java
 * {@code cli} package (and {@code bin/thanos --help}, which runs with the library jar alone) can read it without
 * depending on this package.
 */
public final class ThanosComponents implements ComponentCatalog {

  private static final PropertyRoot LOG = new PropertyRoot("thanos.log", ThanosProperties.Log.class);
  private static final PropertyRoot TRACING = new PropertyRoot("thanos.tracing", ThanosProperties.Tracing.class);
  private static final PropertyRoot HTTP = new PropertyRoot("thanos.http", ThanosProperties.Http.class);
  private static final PropertyRoot GRPC = new PropertyRoot("thanos.grpc", ThanosProperties.Grpc.class);

  @Override
  public List<ComponentSpec> components() {
    return List.of(
        new ComponentSpec("query",
            "Query node exposing PromQL enabled Query API with data retrieved from multiple store nodes.",
            "thanos-query-app", roots(true, new PropertyRoot("thanos.query", ThanosQueryProperties.class))),
        new ComponentSpec("tools",
            "Tools utility commands (tsdb dump|analyze, blocks generate, bucket ...); each sub-command has its own "
                + "flags.", "thanos-tools-app", List.of()),
        new ComponentSpec("sidecar", "Sidecar for Prometheus server.", "thanos-sidecar-app",
            roots(true, new PropertyRoot("thanos.sidecar", ThanosSidecarProperties.class))),
        new ComponentSpec("store", "Store node giving access to blocks in a bucket provider.", "thanos-store-app",
            roots(true, new PropertyRoot("thanos.store", ThanosStoreProperties.class))),
        new ComponentSpec("receive",
            "Accept Prometheus remote write API requests and write to local tsdb.", "thanos-receive-app",
            roots(true, new PropertyRoot("thanos.receive", ThanosReceiveProperties.class))),
        new ComponentSpec("compact",
            "Continuously compacts blocks in an object store bucket: compaction, downsampling, retention.",
            "thanos-compactor-app", roots(false, new PropertyRoot("thanos.compact", ThanosCompactProperties.class))),
        new ComponentSpec("demo",
            "Demo: the all-in-one over a generated local bucket whose data reaches the present (history generated "
                + "once, then written live through receive); prints the UI address.", "thanos-query-app",
            roots(true, new PropertyRoot("thanos.demo", ThanosDemoProperties.class))),
        new ComponentSpec("query-frontend",
            "Query frontend command: splits, caches and retries range queries in front of a Prometheus-compatible "
                + "API.", "thanos-query-frontend-app",
            roots(false, new PropertyRoot("thanos.query-frontend", ThanosQueryFrontendProperties.class))),
        new ComponentSpec("rule",
            "Ruler evaluating Prometheus rules against given Query nodes, exposing Store API and storing old blocks "
                + "in bucket.", "thanos-ruler-app",
            roots(true, new PropertyRoot("thanos.rule", ThanosRuleProperties.class))),
        new ComponentSpec(ALL_IN_ONE,
            "All-in-one for small sites: receive (remote write), store gateway, compactor and querier in one "
                + "process over one bucket; a flag several parts declare sets each of them.", "thanos-query-app",
            allInOneRoots(), true));
  }

  /** The all-in-one's command name. */
  public static final String ALL_IN_ONE = "all-in-one";

  /** The all-in-one's roots: the shared groups, then each part's own, in the order their flags are listed. */
  private static List<PropertyRoot> allInOneRoots() {
    List<PropertyRoot> roots = new ArrayList<>(roots(true, new PropertyRoot("thanos.query",
        ThanosQueryProperties.class)));
    roots.add(new PropertyRoot("thanos.receive", ThanosReceiveProperties.class));
    roots.add(new PropertyRoot("thanos.store", ThanosStoreProperties.class));
    roots.add(new PropertyRoot("thanos.compact", ThanosCompactProperties.class));
    return roots;
  }

  /** The shared groups (logging, tracing, HTTP and, for components serving it, gRPC), then the component's own. */
  private static List<PropertyRoot> roots(boolean grpc, PropertyRoot own) {
    List<PropertyRoot> roots = new ArrayList<>(List.of(LOG, TRACING, HTTP));
    if (grpc) {
      roots.add(GRPC);
    }
    roots.add(own);
    return roots;
  }
}
