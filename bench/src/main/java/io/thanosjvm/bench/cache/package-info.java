/** JMH benchmarks of the store gateway's index cache ({@code io.thanosjvm.store.cache}). */
package io.thanosjvm.bench.cache;
