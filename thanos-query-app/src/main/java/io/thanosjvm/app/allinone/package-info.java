/**
 * {@code thanos all-in-one} and {@code thanos demo}: receive, store gateway, compactor and querier in one process
 * over one bucket, wired from each component's own properties and shared wiring ({@code autoconfigure}'s
 * {@code ReceiveWiring}, {@code StoreWiring}, {@code CompactorWiring}, the query app's {@code QueryConfiguration});
 * the demo adds generated history and a live generator.
 */
package io.thanosjvm.app.allinone;
