/** {@code thanos compact}: the compactor application (thin wiring over {@code io.thanosjvm.compact}). */
package io.thanosjvm.app.compact;
