package io.thanosjvm.tools.bucket.verify;

import java.io.IOException;
import java.util.Set;

/** One known bucket problem verify checks for, by Thanos' issue ID, optionally repairing it. */
public interface Issue {

  /** Thanos' issue ID ({@code overlapped_blocks}, {@code index_known_issues}, {@code duplicated_compaction}). */
  String id();

  /** Whether {@code --repair} can fix this issue (Thanos' verifier-repairers). */
  boolean repairable();

  /**
   * Checks the bucket, logging what it finds, and repairs it when {@code repair} is set.
   *
   * @param ids the blocks to check ({@code --id}); empty for all
   * @throws IOException when the check itself cannot run (a failed repair of one block is logged, not thrown)
   */
  void verify(VerifyContext ctx, Set<String> ids, boolean repair) throws IOException;
}
