package io.thanosjvm.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rules: the library's capability packages are plain Java (only {@code io.thanosjvm.autoconfigure}
 * may use Spring), no app module depends on another app module, the package graph has no cycle (as Go, and so
 * Thanos, cannot have one; every sub-package counts as a package of its own) and the packages form layers, each
 * importing only its own and lower layers:
 *
 * <ol>
 *   <li><b>foundation</b>: {@code model} (labels, matchers, sample iterator, durations), {@code json} (Go's JSON
 *       layout and escapes), {@code yaml} (config reader), {@code compress} (Snappy's bounds for untrusted input),
 *       {@code wire} (the generated protos) and {@code cli}
 *       (Thanos' flag names and the one command-line parser, used by the tools and in messages that name a flag).
 *       They know nothing of storage or queries; every other layer may use them.
 *   <li><b>primitives</b>: {@code tsdb} (one Prometheus block, including Prometheus' part of meta.json), {@code
 *       objstore} (buckets), {@code promql} (the engine), and beside them what needs only the foundation: {@code
 *       dedup} (penalty dedup over sample iterators, shared by querier and compactor), {@code relabel}, {@code
 *       info} (the Info API), {@code server} (listen addresses, metric families, codecs) and {@code cacheutil}
 *       (memcached and Redis clients, Go-exact hashes).
 *   <li><b>block</b>: blocks in a bucket (Thanos' meta section, markers, upload, fetcher, index-header), built on
 *       tsdb and objstore, and {@code head}: the writable local TSDB (in-memory head over tsdb's WAL, cutting
 *       blocks with Thanos' meta section for the shipper).
 *   <li><b>services</b>: {@code store} (with {@code store.tsdb}, the StoreAPI over local TSDBs), {@code query}, {@code compact}, {@code shipper}, {@code receive} and
 *       {@code rules}, the capabilities of the components. They may use each other (the querier's proxy speaks the
 *       StoreAPI of {@code store}); the cycle
 *       rule keeps that acyclic.
 *   <li><b>front</b>: {@code api} (Prometheus HTTP API over query/store), {@code queryfrontend} (in front of an
 *       API), {@code tools} (command-line tools over blocks, buckets and the compactor's passes) and {@code demo}
 *       (generates data with the tools and serves it).
 *   <li><b>wiring</b>: {@code autoconfigure} (the only Spring package, where the flags attach to the properties
 *       and the components are declared); nothing in the library depends on it, only the apps do.
 * </ol>
 */
class LayeringTest {

  private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.thanosjvm");

  @Test
  void corePackagesDoNotUseSpring() {
    noClasses().that().resideInAPackage("io.thanosjvm..")
        .and().resideOutsideOfPackage("io.thanosjvm.autoconfigure..")
        .should().dependOnClassesThat().resideInAPackage("org.springframework..")
        .because("capability packages are plain Java; Spring wiring lives only in io.thanosjvm.autoconfigure")
        .check(MAIN_CLASSES);
  }

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("io.thanosjvm.(**)").should().beFreeOfCycles()
        .because("Go, and so Thanos, cannot have package cycles; neither do we")
        .check(MAIN_CLASSES);
  }

  @Test
  void lowerLayersNeverImportHigherOnes() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("foundation").definedBy("io.thanosjvm.model..", "io.thanosjvm.json..", "io.thanosjvm.yaml..",
            "io.thanosjvm.wire..", "io.thanosjvm.cli..", "io.thanosjvm.compress..")
        .layer("primitives").definedBy("io.thanosjvm.tsdb..", "io.thanosjvm.objstore..", "io.thanosjvm.promql..",
            "io.thanosjvm.dedup..", "io.thanosjvm.relabel..", "io.thanosjvm.info..", "io.thanosjvm.server..",
            "io.thanosjvm.cacheutil..", "io.thanosjvm.tenancy..", "io.thanosjvm.discovery..")
        .layer("block").definedBy("io.thanosjvm.block..", "io.thanosjvm.head..")
        .layer("services").definedBy("io.thanosjvm.store..", "io.thanosjvm.query..", "io.thanosjvm.compact..",
            "io.thanosjvm.shipper..", "io.thanosjvm.receive..", "io.thanosjvm.rules..")
        .layer("front").definedBy("io.thanosjvm.api..", "io.thanosjvm.queryfrontend..", "io.thanosjvm.tools..",
            "io.thanosjvm.demo..")
        .layer("wiring").definedBy("io.thanosjvm.autoconfigure..")
        .whereLayer("wiring").mayNotBeAccessedByAnyLayer()
        .whereLayer("front").mayOnlyBeAccessedByLayers("wiring")
        .whereLayer("services").mayOnlyBeAccessedByLayers("front", "wiring")
        .whereLayer("block").mayOnlyBeAccessedByLayers("services", "front", "wiring")
        .whereLayer("primitives").mayOnlyBeAccessedByLayers("block", "services", "front", "wiring")
        .check(MAIN_CLASSES);
  }

  @Test
  void everyPackageHasALayer() {
    List<String> layered = List.of("model", "json", "yaml", "compress", "wire", "tsdb", "objstore", "promql", "dedup", "relabel",
        "info", "server", "cacheutil", "tenancy", "discovery", "block", "head", "store", "query", "compact", "shipper", "receive", "rules", "api",
        "queryfrontend", "tools", "demo", "autoconfigure", "cli");
    List<String> unlayered = MAIN_CLASSES.stream().map(c -> c.getPackageName())
        .filter(p -> p.startsWith("io.thanosjvm."))
        .map(p -> p.substring("io.thanosjvm.".length()).split("\\.")[0])
        .distinct().filter(p -> !layered.contains(p)).toList();
    assertThat(unlayered).as("top-level packages without a layer in this test").isEmpty();
  }

  @Test
  void theRuleSeesTheLibrary() {
    // guards against an empty import making the rule above pass vacuously
    assertThat(MAIN_CLASSES.containPackage("io.thanosjvm.model")).isTrue();
    assertThat(MAIN_CLASSES.containPackage("io.thanosjvm.autoconfigure")).isTrue();
  }

  @Test
  void appModulesNeverDependOnOtherApps() throws IOException {
    Path root = projectRoot();
    List<String> violations = new ArrayList<>();
    List<Path> apps;
    try (Stream<Path> s = Files.list(root)) {
      apps = s.filter(p -> p.getFileName().toString().matches("thanos-.*-app")).toList();
    }
    assertThat(apps).as("app modules under %s", root).isNotEmpty();
    Pattern dependency = Pattern.compile("<artifactId>(thanos-[a-z-]+-app)</artifactId>");
    for (Path app : apps) {
      String pom = Files.readString(app.resolve("pom.xml"));
      String own = app.getFileName().toString();
      Matcher m = dependency.matcher(pom);
      while (m.find()) {
        if (!m.group(1).equals(own)) {
          violations.add(own + " depends on " + m.group(1));
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  private static Path projectRoot() {
    String configured = System.getProperty("thanos.project.dir");
    if (configured != null && Files.isDirectory(Path.of(configured, "thanos-common"))) {
      return Path.of(configured);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("thanos-common"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("project root (holding thanos-common/) not found");
    }
    return p;
  }
}
