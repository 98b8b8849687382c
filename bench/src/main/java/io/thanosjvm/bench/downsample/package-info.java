/** JMH benchmarks of Thanos downsampling (raw to 5m, 5m to 1h aggregate chunks). */
package io.thanosjvm.bench.downsample;
