package io.thanosjvm.store.bucket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;

/** The store gateway's metrics under Thanos' names ({@code thanos_bucket_store_*}). */
public final class BucketStoreMetrics {

  final Counter blockLoads;
  final Counter blockLoadFailures;
  final Counter blockDrops;
  final Counter blockDropFailures;
  final DistributionSummary seriesBlocksQueried;
  final DistributionSummary seriesDataTouchedPostings;
  final DistributionSummary seriesDataTouchedSeries;
  final DistributionSummary seriesDataTouchedChunks;
  final DistributionSummary seriesDataFetchedPostingsBytes;
  final DistributionSummary seriesDataFetchedSeriesBytes;
  final DistributionSummary seriesDataFetchedChunksBytes;
  final DistributionSummary seriesResultSeries;
  final Timer seriesGetAll;
  final Counter queriesDroppedSeries;
  final Counter queriesDroppedChunks;
  final Counter queriesDroppedBytes;
  final Timer gateDuration;

  /**
   * Registers the metrics.
   *
   * @param blocksLoaded the number of blocks currently loaded
   * @param gateInFlight Series calls currently admitted by the concurrency gate
   * @param gateMax the gate's capacity (0 = unlimited)
   */
  public BucketStoreMetrics(MeterRegistry r, Supplier<Number> blocksLoaded, Supplier<Number> gateInFlight,
      int gateMax) {
    blockLoads = Counter.builder("thanos_bucket_store_block_loads").description("Total number of remote block loading attempts.").register(r);
    blockLoadFailures = Counter.builder("thanos_bucket_store_block_load_failures")
        .description("Total number of failed remote block loading attempts.").register(r);
    blockDrops = Counter.builder("thanos_bucket_store_block_drops").description("Total number of local blocks that were dropped.").register(r);
    blockDropFailures = Counter.builder("thanos_bucket_store_block_drop_failures")
        .description("Total number of local blocks that failed to be dropped.").register(r);
    Gauge.builder("thanos_bucket_store_blocks_loaded", blocksLoaded).description("Number of currently loaded blocks.")
        .register(r);
    seriesBlocksQueried = DistributionSummary.builder("thanos_bucket_store_series_blocks_queried")
        .description("Number of blocks in a bucket store that were touched to satisfy a query.").register(r);
    seriesDataTouchedPostings = touched(r, "postings");
    seriesDataTouchedSeries = touched(r, "series");
    seriesDataTouchedChunks = touched(r, "chunks");
    seriesDataFetchedPostingsBytes = fetchedBytes(r, "postings");
    seriesDataFetchedSeriesBytes = fetchedBytes(r, "series");
    seriesDataFetchedChunksBytes = fetchedBytes(r, "chunks");
    seriesResultSeries = DistributionSummary.builder("thanos_bucket_store_series_result_series")
        .description("Number of series observed in the final result of a query.").register(r);
    seriesGetAll = Timer.builder("thanos_bucket_store_series_get_all_duration_seconds")
        .description("Time it takes until all per-block prepares and loads for a query are finished.").register(r);
    queriesDroppedSeries = dropped(r, "series");
    queriesDroppedChunks = dropped(r, "chunks");
    queriesDroppedBytes = dropped(r, "bytes");
    Gauge.builder("thanos_bucket_store_series_gate_queries_in_flight", gateInFlight)
        .description("Number of queries that are currently in flight.").register(r);
    Gauge.builder("thanos_bucket_store_series_gate_queries_max", () -> gateMax)
        .description("Maximum number of concurrent queries.").register(r);
    gateDuration = Timer.builder("thanos_bucket_store_series_gate_queries_duration_seconds")
        .description("How many seconds it took for queries to wait at the gate.").register(r);
  }

  private static DistributionSummary touched(MeterRegistry r, String type) {
    return DistributionSummary.builder("thanos_bucket_store_series_data_touched").tag("data_type", type)
        .description("Number of items of a data type touched to fulfill a single Store API series request.")
        .register(r);
  }

  private static DistributionSummary fetchedBytes(MeterRegistry r, String type) {
    return DistributionSummary.builder("thanos_bucket_store_series_data_size_fetched_bytes").tag("data_type", type)
        .description("Size of all items of a data type fetched to fulfill a single Store API series request.")
        .register(r);
  }

  private static Counter dropped(MeterRegistry r, String reason) {
    return Counter.builder("thanos_bucket_store_queries_dropped").tag("reason", reason)
        .description("Number of queries that were dropped due to the limit.").register(r);
  }
}
