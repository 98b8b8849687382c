/**
 * The querier's side of the StoreAPI: discovering endpoints ({@code query.endpoint}) and fanning requests out
 * to them with a sorted merge ({@code query.proxy}). The PromQL-facing query layer builds on these.
 */
package io.thanosjvm.query;
