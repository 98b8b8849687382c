/** Harnesses for the writable TSDB head: append throughput and heap per active series. */
package io.thanosjvm.bench.head;
