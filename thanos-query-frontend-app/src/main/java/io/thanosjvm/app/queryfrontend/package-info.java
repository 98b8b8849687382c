/** {@code thanos query-frontend}: the query frontend application (thin wiring over {@code io.thanosjvm.queryfrontend}). */
package io.thanosjvm.app.queryfrontend;
