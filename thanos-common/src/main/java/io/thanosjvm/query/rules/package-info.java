/**
 * The querier's Rules API side: {@code /api/v1/rules} and {@code /api/v1/alerts} fanned out over gRPC to the
 * endpoints whose Info advertises rules (rulers, sidecars), failures turned into partial-response warnings or
 * errors, and the answers merged as Thanos does: groups keyed by file and name, rules deduplicated with the replica
 * labels removed, the most critical (then most recently evaluated) copy kept.
 */
package io.thanosjvm.query.rules;
