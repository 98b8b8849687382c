/** Real Alertmanager 0.25 and Prometheus 2.42 rule-evaluating peers for the ruler's acceptance tests. */
package io.thanosjvm.rules.testing;
