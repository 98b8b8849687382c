/**
 * The demo's data: a local filesystem bucket of synthetic blocks (two HA replicas of the same series, a few days
 * ending at the first start), generated on the first run and reused afterwards, and the live generator that
 * continues those series through receive's head, filling the gap since the last run at every start, for
 * {@code bin/thanos demo}.
 */
package io.thanosjvm.demo;
