/**
 * Prometheus' HTTP API v1 as plain Java: parameter parsing (times, durations), the JSON envelope with
 * Prometheus' number and timestamp formatting, error types with their HTTP codes, and the query, series and
 * label endpoints over a PromQL engine and a StoreAPI. Web frameworks only route requests here.
 */
package io.thanosjvm.api;
