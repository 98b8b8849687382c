/**
 * {@code thanos receive}: Spring wiring of thanos-common's {@code receive} (tenants' TSDBs, write path, forwarding)
 * and {@code store.tsdb} (StoreAPI), plus the remote-write HTTP listener.
 */
package io.thanosjvm.app.receive;
