/**
 * The compactor's block lifecycle after planning: verifying local blocks ({@link
 * io.thanosjvm.compact.lifecycle.BlockVerifier}), downsampling raw blocks to 5m and 5m blocks to 1h ({@link
 * io.thanosjvm.compact.lifecycle.DownsamplePass}), marking blocks past their retention for deletion ({@link
 * io.thanosjvm.compact.lifecycle.RetentionPolicy}), deleting blocks whose deletion mark is older than the delete
 * delay ({@link io.thanosjvm.compact.lifecycle.DeletionCleaner}) and removing aborted partial uploads ({@link
 * io.thanosjvm.compact.lifecycle.PartialUploadCleaner}). Each class does one job against a {@link
 * io.thanosjvm.objstore.Bucket} and reports what it did to a {@link
 * io.thanosjvm.compact.lifecycle.LifecycleListener}; time comes from an injected clock.
 */
package io.thanosjvm.compact.lifecycle;
