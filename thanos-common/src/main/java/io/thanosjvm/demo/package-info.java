/**
 * The demo's data: a local filesystem bucket of synthetic blocks (two HA replicas of the same series, a few days
 * ending now), generated on the first run and reused afterwards, for {@code bin/thanos demo}.
 */
package io.thanosjvm.demo;
