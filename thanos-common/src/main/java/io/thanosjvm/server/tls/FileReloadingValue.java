package io.thanosjvm.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value derived from files, loaded again when any of them changes (modification time, size or file key, so a
 * Kubernetes secret's symlink swap counts). {@link #get()} looks at the files at most once per {@code checkEvery};
 * a failed reload keeps the previous value, logs a warning and is tried again at the next check. The first load
 * happens in the constructor and its failure is thrown: a bad certificate at start-up stops the start.
 *
 * @param <T> the derived value (key managers, trust managers)
 */
public final class FileReloadingValue<T> {

  /** Loads the value from the files. */
  @FunctionalInterface
  public interface Loader<T> {
    /** Reads the files and builds the value; throws when they are missing or invalid. */
    T load() throws Exception;
  }

  private static final Logger LOG = LoggerFactory.getLogger(FileReloadingValue.class);

  private final List<Path> files;
  private final Loader<T> loader;
  private final InstantSource clock;
  private final long checkEveryMillis;
  private final String what;
  private volatile T value;
  private volatile List<Object> stamps;
  private volatile long nextCheck;
  private volatile long reloads;

  /** Loads the value now; {@code what} names it in log lines (e.g. "gRPC server certificate"). */
  public FileReloadingValue(String what, List<Path> files, Loader<T> loader, InstantSource clock,
      Duration checkEvery) throws Exception {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no files to watch for " + what);
    }
    this.what = Objects.requireNonNull(what, "what");
    this.files = List.copyOf(files);
    this.loader = Objects.requireNonNull(loader, "loader");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.checkEveryMillis = checkEvery.toMillis();
    this.stamps = stamps();
    this.value = Objects.requireNonNull(loader.load(), "loaded value");
    this.nextCheck = clock.millis() + checkEveryMillis;
  }

  /** The current value, reloaded first if the files changed since the last load. */
  public T get() {
    long now = clock.millis();
    if (now >= nextCheck) {
      checkFiles(now);
    }
    return value;
  }

  /** How many times the value was reloaded after a change. */
  public long reloads() {
    return reloads;
  }

  private synchronized void checkFiles(long now) {
    if (now < nextCheck) {
      return;
    }
    nextCheck = now + checkEveryMillis;
    List<Object> current = stamps();
    if (current.equals(stamps)) {
      return;
    }
    try {
      value = Objects.requireNonNull(loader.load(), "loaded value");
      stamps = current;
      reloads++;
      LOG.info("reloaded {} from {}", what, files);
    } catch (Exception e) {
      LOG.warn("could not reload {} from {}, keeping the previous one: {}", what, files, e.getMessage());
    }
  }

  private List<Object> stamps() {
    List<Object> out = new ArrayList<>(files.size());
    for (Path f : files) {
      try {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        out.add(List.of(a.lastModifiedTime().toMillis(), a.size(), String.valueOf(a.fileKey()),
            String.valueOf(safeRealPath(f))));
      } catch (IOException e) {
        out.add("missing");
      }
    }
    return out;
  }

  private static Path safeRealPath(Path f) {
    try {
      return f.toRealPath();
    } catch (IOException e) {
      return f;
    }
  }
}
