/**
 * Receive's hashrings: which receivers store a tenant's series, as Thanos places them. The hashrings file (JSON,
 * Thanos' keys), the {@code hashmod} and {@code ketama} algorithms with Thanos' hashes (XXH64 over the tenant and the
 * sorted labels; 1000 ketama sections per node, replicas on distinct nodes spread over availability zones), and the
 * multi-tenant ring that picks a hashring by exact or glob tenant match. Plain Java; the receive app watches the file
 * and routes writes with it.
 */
package io.thanosjvm.receive.hashring;
