/**
 * The Thanos block lifecycle in an object storage bucket: uploading a local block (meta.json last),
 * deleting one (meta.json first, deletion mark last) and writing or reading its marker files.
 */
package io.thanosjvm.block;
