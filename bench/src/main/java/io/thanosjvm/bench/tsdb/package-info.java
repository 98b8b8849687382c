/** JMH benchmarks and a peak-heap harness for the TSDB block format (XOR chunks, postings, index, writer). */
package io.thanosjvm.bench.tsdb;
