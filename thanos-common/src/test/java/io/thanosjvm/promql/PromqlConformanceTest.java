package io.thanosjvm.promql;

import io.thanosjvm.promql.script.ScriptCommand;
import io.thanosjvm.promql.script.ScriptParser;
import io.thanosjvm.promql.script.ScriptRunner;
import io.thanosjvm.promql.script.SharedDir;
import io.thanosjvm.promql.storage.InMemoryQueryable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the 11 upstream Prometheus 2.42 PromQL test scripts and our own extra scripts: one container per file,
 * one test per eval, each applying the 2.42 runner's range-mode re-check and {@code @}-modifier variants.
 */
class PromqlConformanceTest {

  private static final Map<String, AtomicInteger[]> COUNTS = new ConcurrentHashMap<>();

  @TestFactory
  Stream<DynamicNode> upstreamScripts() throws IOException {
    Path dir = SharedDir.locate().resolve("promql-testdata/v2.42");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
    }
    if (files.size() != 11) {
      throw new IllegalStateException("expected the 11 upstream scripts in " + dir + ", found " + files.size());
    }
    return files.stream().map(PromqlConformanceTest::container);
  }

  @TestFactory
  Stream<DynamicNode> extraScripts() throws IOException {
    Path dir = Path.of("src/test/resources/promql");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".test")).sorted().toList().stream()
          .map(PromqlConformanceTest::container);
    }
  }

  static DynamicContainer container(Path file) {
    String name = file.getFileName().toString();
    List<ScriptCommand> commands;
    try {
      commands = ScriptParser.parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    AtomicInteger[] counts = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    COUNTS.put(name, counts);
    List<DynamicTest> tests = new ArrayList<>();
    List<ScriptCommand.Load> loads = new ArrayList<>();
    ScriptRunner runner = new ScriptRunner();
    Map<Integer, InMemoryQueryable> stores = new ConcurrentHashMap<>();
    int generation = 0;
    for (ScriptCommand c : commands) {
      if (c instanceof ScriptCommand.Clear) {
        loads = new ArrayList<>();
        generation++;
      } else if (c instanceof ScriptCommand.Load l) {
        loads = new ArrayList<>(loads);
        loads.add(l);
        generation++;
      } else if (c instanceof ScriptCommand.Eval e) {
        List<ScriptCommand.Load> snapshot = loads;
        int gen = generation;
        tests.add(DynamicTest.dynamicTest(name + ":" + e.line() + " " + e.expr(), () -> {
          InMemoryQueryable store = stores.computeIfAbsent(gen, k -> ScriptRunner.store(snapshot));
          try {
            int checks = runner.run(e, store);
            counts[0].incrementAndGet();
            counts[2].addAndGet(checks);
          } catch (Throwable t) {
            counts[1].incrementAndGet();
            throw t;
          }
        }));
      }
    }
    return DynamicContainer.dynamicContainer(name, file.toUri(), tests.stream());
  }

  @AfterAll
  static void printSummary() {
    for (Map.Entry<String, AtomicInteger[]> e : new TreeMap<>(COUNTS).entrySet()) {
      AtomicInteger[] c = e.getValue();
      System.out.printf("PromQL conformance %-22s evals passed=%d failed=%d (query checks incl. range/@ variants=%d)%n",
          e.getKey(), c[0].get(), c[1].get(), c[2].get());
    }
  }
}
