/** Store gateway harnesses: heap per series in the bucket, Series() latency. */
package io.thanosjvm.bench.store;
