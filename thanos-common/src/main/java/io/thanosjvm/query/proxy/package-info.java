/**
 * The querier's StoreAPI proxy: selects stores by time range and external labels, fans Series out to them
 * concurrently with gRPC flow control, and k-way merges their sorted streams into one sorted stream, merging
 * equal series and dropping identical chunks. Store failures become warnings or abort the request, per the
 * partial-response strategy. A querier serves this proxy itself, so queriers can be stacked.
 */
package io.thanosjvm.query.proxy;
