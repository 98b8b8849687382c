package io.thanosjvm.store.cachingbucket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.store.bucket.BucketStoreAcceptanceTest;
import java.time.Clock;

/**
 * The StoreAPI acceptance kit against the store gateway reading through the caching bucket (in-memory backend, a
 * small subrange size so chunk reads span and reuse several subranges).
 */
class CachingBucketStoreAcceptanceTest extends BucketStoreAcceptanceTest {

  @Override
  protected Bucket served(Bucket bucket, SimpleMeterRegistry meters) {
    return CachingBuckets.wrap(bucket, """
        type: IN-MEMORY
        config:
          max_size: 64MB
          max_item_size: 1MB
        chunk_subrange_size: 1000
        max_chunks_get_range_requests: 2
        """, meters, Clock.systemUTC());
  }
}
