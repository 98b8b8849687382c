package io.thanosjvm.receive;

import io.thanosjvm.receive.hashring.HashringAlgorithm;
import io.thanosjvm.receive.hashring.HashringConfig;
import io.thanosjvm.receive.hashring.HashringConfigParser;
import io.thanosjvm.receive.hashring.MultiHashring;
import io.thanosjvm.receive.hashring.Hashring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current hashring, from {@code --receive.hashrings} (inline JSON, fixed) or {@code --receive.hashrings-file}
 * (re-read by {@link #refresh()}, which the app calls every {@code --receive.hashrings-file-refresh-interval}; a
 * changed file replaces the ring, a broken one keeps the previous ring and is logged), as Thanos' config watcher.
 */
public final class HashringSource {

  private static final Logger LOG = LoggerFactory.getLogger(HashringSource.class);

  private final Path file;
  private final HashringAlgorithm algorithm;
  private final int replicationFactor;
  private final AtomicReference<Optional<Hashring>> current = new AtomicReference<>(Optional.empty());
  private final java.util.concurrent.atomic.AtomicInteger lastReloadSuccessful =
      new java.util.concurrent.atomic.AtomicInteger(1);
  private io.micrometer.core.instrument.Counter refreshes;
  private io.micrometer.core.instrument.Counter changes;
  private io.micrometer.core.instrument.Counter errors;
  private String lastText;

  private HashringSource(Path file, HashringAlgorithm algorithm, int replicationFactor) {
    this.file = file;
    this.algorithm = algorithm;
    this.replicationFactor = replicationFactor;
  }

  /** No hashring (ingestor only). */
  public static HashringSource none() {
    return new HashringSource(null, HashringAlgorithm.HASHMOD, 1);
  }

  /**
   * A fixed ring from inline JSON.
   *
   * @throws IllegalArgumentException when the JSON is not a valid hashrings configuration
   */
  public static HashringSource inline(String json, HashringAlgorithm algorithm, int replicationFactor) {
    HashringSource s = new HashringSource(null, algorithm, replicationFactor);
    s.current.set(Optional.of(s.build(json)));
    return s;
  }

  /**
   * A ring read from {@code file} now and at every {@link #refresh()}.
   *
   * @throws IOException when the file cannot be read at start-up
   * @throws IllegalArgumentException when it is not a valid hashrings configuration at start-up
   */
  public static HashringSource file(Path file, HashringAlgorithm algorithm, int replicationFactor) throws IOException {
    HashringSource s = new HashringSource(file, algorithm, replicationFactor);
    String text = Files.readString(file);
    s.current.set(Optional.of(s.build(text)));
    s.lastText = text;
    return s;
  }

  private Hashring build(String json) {
    List<HashringConfig> configs = HashringConfigParser.parse(json);
    return new MultiHashring(configs, algorithm, replicationFactor);
  }

  /**
   * Registers Thanos' configuration metrics: {@code thanos_receive_config_last_reload_successful} (1 while the
   * last read of the hashrings succeeded) and {@code thanos_receive_hashrings_file_refreshes_total},
   * {@code _changes_total} and {@code _errors_total}.
   */
  public HashringSource registerMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    io.micrometer.core.instrument.Gauge.builder("thanos_receive_config_last_reload_successful", lastReloadSuccessful,
        java.util.concurrent.atomic.AtomicInteger::get)
        .description("Whether the last hashring configuration reload attempt was successful.").register(registry);
    refreshes = io.micrometer.core.instrument.Counter.builder("thanos_receive_hashrings_file_refreshes")
        .description("The number of refreshes of the hashrings file.").register(registry);
    changes = io.micrometer.core.instrument.Counter.builder("thanos_receive_hashrings_file_changes")
        .description("The number of times the hashrings file changed.").register(registry);
    errors = io.micrometer.core.instrument.Counter.builder("thanos_receive_hashrings_file_errors")
        .description("The number of errors reading the hashrings file.").register(registry);
    return this;
  }

  /** Whether a hashring is configured at all (which decides the receiver mode). */
  public boolean configured() {
    return current.get().isPresent();
  }

  /** The current ring. */
  public Optional<Hashring> get() {
    return current.get();
  }

  /** Re-reads the file; true when the ring changed. */
  public synchronized boolean refresh() {
    if (file == null) {
      return false;
    }
    if (refreshes != null) {
      refreshes.increment();
    }
    try {
      String text = Files.readString(file);
      if (text.equals(lastText)) {
        lastReloadSuccessful.set(1);
        return false;
      }
      current.set(Optional.of(build(text)));
      lastText = text;
      lastReloadSuccessful.set(1);
      if (changes != null) {
        changes.increment();
      }
      LOG.atInfo().addKeyValue("file", file).log("hashring configuration changed");
      return true;
    } catch (IOException | RuntimeException e) {
      lastReloadSuccessful.set(0);
      if (errors != null) {
        errors.increment();
      }
      LOG.atError().addKeyValue("file", file).addKeyValue("err", e.getMessage())
          .log("failed to reload hashring configuration; keeping the previous one");
      return false;
    }
  }
}
