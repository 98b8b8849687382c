/**
 * Service discovery of peers by DNS, as Thanos' {@code pkg/discovery/dns}: addresses given as {@code host:port},
 * {@code dns+host:port} (every A/AAAA record), {@code dnssrv+_service._proto.name} (SRV records, their targets'
 * addresses) or {@code dnssrvnoa+…} (SRV targets as names), resolved again periodically by their users.
 */
package io.thanosjvm.discovery;
