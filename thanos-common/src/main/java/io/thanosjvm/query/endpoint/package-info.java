/**
 * StoreAPI endpoints as a querier sees them: addresses from {@code --endpoint} (static, or discovered by DNS:
 * {@code dns+host:port}, {@code dnssrv+_grpc._tcp.<service>}, re-resolved every DNS interval), one gRPC channel each,
 * and their Info answers polled every few seconds to decide which are healthy stores, for which time range and
 * external label sets.
 */
package io.thanosjvm.query.endpoint;
