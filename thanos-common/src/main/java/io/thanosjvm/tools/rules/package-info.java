/** {@code thanos tools rules-check}: validates rule files in Prometheus' format plus Thanos' group keys. */
package io.thanosjvm.tools.rules;
