/**
 * Receive as Thanos runs it, in plain Java: the tenants' TSDBs ({@link io.thanosjvm.receive.MultiTsdb}, shipped
 * and served over the StoreAPI), the write path ({@link io.thanosjvm.receive.ReceiveHandler} for {@code POST
 * /api/v1/receive}: remote write 1.0 decoding, tenant and replica headers, limits, relabelling; {@link
 * io.thanosjvm.receive.ReceiveRouter}: the receiver mode derived from the hashring and local endpoint, distribution
 * of a request's series to (endpoint, replica) pairs, local writes and gRPC forwarding, the write quorum and how
 * the failures of a fan-out become one answer with Thanos' error causes and HTTP statuses), the receiving side of
 * forwarding ({@link io.thanosjvm.receive.WriteableStoreService}) and {@link io.thanosjvm.receive.Receiver}, which
 * assembles them for the app.
 */
package io.thanosjvm.receive;
