/**
 * Low-level helpers shared by the TSDB file formats: varint coding, bounds-checked decoding of byte
 * ranges read from disk, CRC32C and the typed {@link io.thanosjvm.tsdb.encoding.CorruptBlockException}
 * that names the file and offset of bad data.
 */
package io.thanosjvm.tsdb.encoding;
