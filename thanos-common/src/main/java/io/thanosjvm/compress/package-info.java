/**
 * Facts about the compression formats on the wire and on disk (Snappy's block format as remote write, remote read
 * and the WAL use it) that every reader of untrusted bytes needs before it allocates.
 */
package io.thanosjvm.compress;
