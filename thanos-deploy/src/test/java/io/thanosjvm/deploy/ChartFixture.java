package io.thanosjvm.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The chart under {@code charts/thanos} and its value sets (the defaults and every {@code ci/*-values.yaml}, as
 * chart-testing runs them), rendered and linted through helm-java (Helm 3 in-process).
 */
final class ChartFixture {

  static final String RELEASE = "obs";
  static final String NAMESPACE = "monitoring";

  private static final Map<String, List<Map<String, Object>>> RENDERED = new LinkedHashMap<>();

  private ChartFixture() {}

  /** The chart directory. */
  static Path chartDir() {
    Path dir = projectDir().resolve("charts/thanos");
    if (!Files.isRegularFile(dir.resolve("Chart.yaml"))) {
      throw new IllegalStateException("no chart at " + dir);
    }
    return dir;
  }

  static Path projectDir() {
    String dir = System.getProperty("thanos.project.dir");
    Path p = dir != null ? Path.of(dir) : Path.of("..").toAbsolutePath().normalize();
    if (!Files.isDirectory(p.resolve("charts"))) {
      p = Path.of("").toAbsolutePath().getParent();
    }
    return p;
  }

  /** "default" plus the name of every {@code ci/*-values.yaml} file. */
  static List<String> valueSets() {
    List<String> sets = new ArrayList<>();
    sets.add("default");
    try (Stream<Path> files = Files.list(chartDir().resolve("ci"))) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("-values.yaml")).sorted()
          .forEach(sets::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sets;
  }

  /** The rendered manifests of one value set (cached: rendering takes a while). */
  static synchronized List<Map<String, Object>> render(String valueSet) {
    return RENDERED.computeIfAbsent(valueSet, ChartFixture::doRender);
  }

  /** The raw {@code helm template} output. */
  static String template(String valueSet) {
    var cmd = new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion("v1.30.0");
    if (!valueSet.equals("default")) {
      cmd = cmd.withValuesFile(chartDir().resolve("ci").resolve(valueSet));
    }
    return cmd.call();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> doRender(String valueSet) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : yaml().loadAll(template(valueSet))) {
      if (doc != null) {
        docs.add((Map<String, Object>) doc);
      }
    }
    return docs;
  }

  /**
   * {@code helm lint --strict -f <values>}: helm-java's lint takes no values file, so the chart is copied with the
   * value set merged into its values.yaml (Helm's merge: maps deep, everything else replaced).
   */
  @SuppressWarnings("unchecked")
  static LintResult lintStrict(String valueSet) {
    if (valueSet.equals("default")) {
      return new Helm(chartDir()).lint().strict().call();
    }
    try {
      Path tmp = Files.createTempDirectory("chart-lint");
      Path copy = tmp.resolve("thanos");
      copyTree(chartDir(), copy);
      Map<String, Object> base = (Map<String, Object>) yaml().load(Files.readString(chartDir().resolve("values.yaml")));
      Object overlay = yaml().load(Files.readString(chartDir().resolve("ci").resolve(valueSet)));
      if (overlay instanceof Map<?, ?> m) {
        merge(base, (Map<String, Object>) m);
      }
      Files.writeString(copy.resolve("values.yaml"), new Yaml().dump(base));
      try {
        return new Helm(copy).lint().strict().call();
      } finally {
        deleteTree(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> base, Map<String, Object> overlay) {
    overlay.forEach((k, v) -> {
      if (v instanceof Map<?, ?> vm && base.get(k) instanceof Map<?, ?> bm) {
        merge((Map<String, Object>) bm, (Map<String, Object>) vm);
      } else {
        base.put(k, v);
      }
    });
  }

  static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    return new Yaml(new SafeConstructor(options));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Every manifest of a kind. */
  static List<Map<String, Object>> ofKind(List<Map<String, Object>> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
  }

  /** Every workload (Deployment, StatefulSet) of a value set. */
  static List<Map<String, Object>> workloads(String valueSet) {
    return render(valueSet).stream()
        .filter(d -> "Deployment".equals(d.get("kind")) || "StatefulSet".equals(d.get("kind"))).toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> podSpec(Map<String, Object> workload) {
    Map<String, Object> spec = (Map<String, Object>) workload.get("spec");
    Map<String, Object> template = (Map<String, Object>) spec.get("template");
    return (Map<String, Object>) template.get("spec");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> containers(Map<String, Object> workload) {
    return (List<Map<String, Object>>) podSpec(workload).get("containers");
  }

  @SuppressWarnings("unchecked")
  static String name(Map<String, Object> doc) {
    return (String) ((Map<String, Object>) doc.get("metadata")).get("name");
  }
}
