/**
 * Prometheus' HTTP API v1 as plain Java: parameter parsing (times, durations), the JSON envelope with
 * Prometheus' number and timestamp formatting, error types with their HTTP codes, and the query, series and
 * label endpoints over a PromQL engine and a StoreAPI. Answers are written piece by piece ({@code JsonBody}) so
 * that web layers stream large ones in bounded chunks ({@code JsonChunks}) instead of building one String. Web
 * frameworks only route requests here.
 */
package io.thanosjvm.api;
