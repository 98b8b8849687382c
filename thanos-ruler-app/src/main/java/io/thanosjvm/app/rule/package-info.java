/** {@code thanos rule}: the ruler app's thin wiring over the library's {@code rules}, {@code head} and StoreAPI. */
package io.thanosjvm.app.rule;
