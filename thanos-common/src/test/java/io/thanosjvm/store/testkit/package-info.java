/**
 * The StoreAPI acceptance kit: one abstract JUnit 5 suite ({@link io.thanosjvm.store.testkit.StoreApiAcceptanceKit})
 * that every {@code thanos.Store} implementation (sidecar, store gateway, receive, ruler) extends. It serves a fixed,
 * hand-written dataset through the implementation under test and checks the answers against expectations computed
 * from that dataset in Java: matchers, time ranges, sort order, external labels, replica-label removal, limits,
 * label APIs, errors and Info.
 */
package io.thanosjvm.store.testkit;
