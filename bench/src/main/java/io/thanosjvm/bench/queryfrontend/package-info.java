/** Harness timing the query frontend (cold and warm cache) against Prometheus asked directly. */
package io.thanosjvm.bench.queryfrontend;
