package io.thanosjvm.cacheutil;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Operation metrics of a remote cache client, named as Thanos' memcached client names them under a prefix
 * ({@code thanos_memcached_} or {@code thanos_redis_}) with constant label {@code name} (e.g. {@code index-cache}):
 * {@code <prefix>operations_total{operation}}, {@code <prefix>operation_failures_total{operation,reason}} and
 * {@code <prefix>operation_skipped_total{operation,reason}} and the histogram
 * {@code <prefix>operation_duration_seconds{operation}} of successful operations (Thanos' buckets);
 * operations {@code getmulti} and {@code set}.
 */
final class RemoteClientMetrics {

  static final String GET_MULTI = "getmulti";
  static final String SET = "set";
  static final String TIMEOUT = "timeout";
  static final String MALFORMED_KEY = "malformed-key";
  static final String SERVER_ERROR = "server-error";
  static final String NETWORK_ERROR = "network-error";
  static final String OTHER = "other";
  static final String MAX_ITEM_SIZE = "max-item-size";
  static final String ASYNC_BUFFER_FULL = "async-buffer-full";

  private static final Duration[] DURATION_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(3),
      Duration.ofSeconds(6), Duration.ofSeconds(10)};

  private final MeterRegistry registry;
  private final Map<String, Timer> durations = new HashMap<>();
  private final Map<String, Counter> operations = new HashMap<>();
  private final Map<String, Counter> failures = new HashMap<>();
  private final Map<String, Counter> skipped = new HashMap<>();

  RemoteClientMetrics(MeterRegistry registry, String prefix, String name) {
    this.registry = registry;
    for (String op : new String[] {GET_MULTI, SET}) {
      durations.put(op, Timer.builder(prefix + "operation_duration").description("Duration of operations against "
          + "the cache server.").serviceLevelObjectives(DURATION_BUCKETS).tags("name", name, "operation", op)
          .register(registry));
      operations.put(op, Counter.builder(prefix + "operations").description("Total number of operations against "
          + "the cache server.").tags("name", name, "operation", op).register(registry));
      for (String reason : new String[] {TIMEOUT, MALFORMED_KEY, SERVER_ERROR, NETWORK_ERROR, OTHER}) {
        failures.put(op + "/" + reason, Counter.builder(prefix + "operation_failures")
            .description("Total number of operations against the cache server that failed.")
            .tags("name", name, "operation", op, "reason", reason).register(registry));
      }
    }
    for (String[] s : new String[][] {{GET_MULTI, MAX_ITEM_SIZE}, {SET, MAX_ITEM_SIZE}, {SET, ASYNC_BUFFER_FULL}}) {
      skipped.put(s[0] + "/" + s[1], Counter.builder(prefix + "operation_skipped")
          .description("Total number of operations against the cache server that have been skipped.")
          .tags("name", name, "operation", s[0], "reason", s[1]).register(registry));
    }
  }

  /** Counts an operation and returns its running duration sample. */
  Timer.Sample operation(String op) {
    operations.get(op).increment();
    return Timer.start(registry);
  }

  /** Records the duration of a successful operation. */
  void succeeded(String op, Timer.Sample sample) {
    sample.stop(durations.get(op));
  }

  void failed(String op, String reason) {
    failures.get(op + "/" + reason).increment();
  }

  void skipped(String op, String reason) {
    skipped.get(op + "/" + reason).increment();
  }

  /**
   * Classifies a failure as Thanos does: timeout, server error, network error or other. The whole cause chain
   * counts (Lettuce wraps the server's answer to AUTH in a connection exception, for example).
   */
  static String reason(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException || t instanceof TimeoutException
          || t instanceof RedisCommandTimeoutException || t instanceof ConnectTimeoutException) {
        return TIMEOUT;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CacheServerException || t instanceof RedisCommandExecutionException) {
        return SERVER_ERROR;
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof RedisConnectionException
          || t instanceof RedisException && String.valueOf(t.getMessage()).contains("not connected")) {
        return NETWORK_ERROR;
      }
    }
    return OTHER;
  }
}
