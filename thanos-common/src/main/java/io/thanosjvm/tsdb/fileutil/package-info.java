/**
 * File helpers for block directories (like Prometheus' {@code tsdb/fileutil}): recursive deletion of local working
 * trees, shared by the TSDB writer, the compactor, the store gateway and the tools.
 */
package io.thanosjvm.tsdb.fileutil;
