/**
 * Prometheus recording and alerting rules as the ruler runs them: rule files in Prometheus' format plus Thanos'
 * {@code partial_response_strategy} group key, validated with promtool's messages; the alert state machine
 * (pending, firing, resolved and kept 15 minutes), the {@code ALERTS}/{@code ALERTS_FOR_STATE} series, when an alert
 * is (re)sent and with which {@code endsAt}, and the Alertmanager v2 payload; the query path over Query's HTTP API
 * ({@code /api/v1/query} with Thanos' {@code dedup} and {@code partial_response}, round robin over {@code --query}). Plain Java: the ruler app evaluates
 * through a query function and sends through an HTTP client.
 */
package io.thanosjvm.rules;
