/** The Info API ({@code thanos.info.Info}) every StoreAPI component serves so queriers can discover it. */
package io.thanosjvm.info;
