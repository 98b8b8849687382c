/**
 * The StoreAPI ({@code thanos.Store}) shared by every implementation: conversions between wire and model
 * matchers, external-label matching and merging, sorted series output, and typed request errors. Concrete
 * stores live in sub-packages ({@code store.prometheus} for the sidecar, later the bucket store).
 */
package io.thanosjvm.store;
