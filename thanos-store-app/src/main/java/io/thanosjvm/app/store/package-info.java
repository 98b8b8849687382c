/** {@code thanos store}: Spring wiring of the store gateway from thanos-common's {@code store.bucket}. */
package io.thanosjvm.app.store;
