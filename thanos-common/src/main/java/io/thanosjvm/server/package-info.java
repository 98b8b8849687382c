/**
 * Server behaviour every component shares, as plain Java: listen addresses, build information, and the
 * metric families Thanos' dashboards expect. Spring wiring of these lives in {@code io.thanosjvm.autoconfigure}.
 */
package io.thanosjvm.server;
