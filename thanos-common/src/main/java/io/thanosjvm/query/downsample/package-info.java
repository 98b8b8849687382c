/**
 * The querier's side of downsampling: which aggregates a selector asks for (from its enclosing function), how
 * far its resolution window may go, and how returned chunks (raw or Thanos aggregate chunks) become one
 * sample series, as Thanos' {@code pkg/query} does.
 */
package io.thanosjvm.query.downsample;
