/**
 * Rewriting a block in the bucket ({@code thanos tools bucket rewrite}): series deleted by Thanos' deletion requests
 * (matchers, optionally only within time intervals) through the compactor's streaming merge, the new block
 * recording what was applied in {@code thanos.rewrites}.
 */
package io.thanosjvm.compact.rewrite;
