package io.thanosjvm.head;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** The head's metrics under Prometheus 2.42's names ({@code prometheus_tsdb_head_*} and friends). */
public final class HeadMetrics {

  final Counter seriesCreated;
  final Counter seriesRemoved;
  final Counter seriesNotFound;
  final Counter samplesAppended;
  final Counter outOfOrderSamples;
  final Counter outOfBoundSamples;
  final Counter tooOldSamples;
  final Counter chunksCreated;
  final Counter chunksRemoved;
  final Counter truncations;
  final AtomicLong chunks = new AtomicLong();

  /**
   * Registers the head's meters; the gauges read the head itself (gauges hold their object weakly: the head, held
   * by its TSDB, lives as long as the meters mean something, while a lambda made here would be collected at once
   * and read as NaN).
   */
  HeadMetrics(MeterRegistry registry, Head head) {
    Gauge.builder("prometheus_tsdb_head_series", head, h -> h.numSeries())
        .description("Total number of series in the head block.").register(registry);
    Gauge.builder("prometheus_tsdb_head_chunks", chunks, AtomicLong::get)
        .description("Total number of chunks in the head block.").register(registry);
    Gauge.builder("prometheus_tsdb_head_min_time", head, h -> h.minTimeMetric())
        .description("Minimum time bound of the head block. The unit is decided by the library consumer.")
        .register(registry);
    Gauge.builder("prometheus_tsdb_head_max_time", head, h -> h.maxTimeMetric())
        .description("Maximum timestamp of the head block. The unit is decided by the library consumer.")
        .register(registry);
    seriesCreated = Counter.builder("prometheus_tsdb_head_series_created")
        .description("Total number of series created in the head").register(registry);
    seriesRemoved = Counter.builder("prometheus_tsdb_head_series_removed")
        .description("Total number of series removed in the head").register(registry);
    seriesNotFound = Counter.builder("prometheus_tsdb_head_series_not_found")
        .description("Total number of requests for series that were not found.").register(registry);
    samplesAppended = Counter.builder("prometheus_tsdb_head_samples_appended").tag("type", "float")
        .description("Total number of appended samples.").register(registry);
    outOfOrderSamples = Counter.builder("prometheus_tsdb_out_of_order_samples").tag("type", "float")
        .description("Total number of out of order samples ingestion failed attempts due to out of order being "
            + "disabled.").register(registry);
    outOfBoundSamples = Counter.builder("prometheus_tsdb_out_of_bound_samples").tag("type", "float")
        .description("Total number of out of bound samples ingestion failed attempts with out of order support "
            + "disabled.").register(registry);
    tooOldSamples = Counter.builder("prometheus_tsdb_too_old_samples").tag("type", "float")
        .description("Total number of out of order samples ingestion failed attempts with out of support enabled, "
            + "but sample outside of time window.").register(registry);
    chunksCreated = Counter.builder("prometheus_tsdb_head_chunks_created")
        .description("Total number of chunks created in the head").register(registry);
    chunksRemoved = Counter.builder("prometheus_tsdb_head_chunks_removed")
        .description("Total number of chunks removed in the head").register(registry);
    truncations = Counter.builder("prometheus_tsdb_head_truncations")
        .description("Total number of head truncations attempted.").register(registry);
  }
}
