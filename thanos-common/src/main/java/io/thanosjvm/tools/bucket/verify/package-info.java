/**
 * {@code thanos tools bucket verify}: Thanos' {@code pkg/verifier}. Each {@link
 * io.thanosjvm.tools.bucket.verify.Issue} checks the bucket for one known problem ({@code overlapped_blocks},
 * {@code index_known_issues}, {@code duplicated_compaction}) and, where Thanos can, repairs it; {@link
 * io.thanosjvm.tools.bucket.verify.Verifier} runs the chosen issues and {@link
 * io.thanosjvm.tools.bucket.verify.BackupAndDelete} moves a block to the backup bucket before it leaves the source.
 */
package io.thanosjvm.tools.bucket.verify;
