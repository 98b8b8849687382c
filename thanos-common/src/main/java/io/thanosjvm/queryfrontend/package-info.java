/**
 * The query frontend ({@code thanos query-frontend}) as a plain-Java library: the parsed range request, the
 * middlewares a range query passes through (max query length, step alignment, split by interval with bounded
 * parallelism, results cache with extents, retries) and the merging of Prometheus matrix JSON responses. The
 * HTTP server around it lives in {@code thanos-query-frontend-app}.
 */
package io.thanosjvm.queryfrontend;
