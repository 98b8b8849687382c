/**
 * Receive's write path as Thanos runs it: the receiver mode derived from the hashring and local endpoint, the
 * replica header, distribution of a request's series to (endpoint, replica) pairs, the write quorum and how the
 * failures of a fan-out become one answer (Thanos' error causes and HTTP statuses). Plain Java: the receive app
 * supplies the local TSDB writer and the gRPC forwarding client.
 */
package io.thanosjvm.receive;
