package io.thanosjvm.compact;

import java.util.Objects;
import java.util.Optional;

/**
 * What one {@link BucketCompactor#runIteration()} did.
 *
 * @param outcome how the iteration ended
 * @param compactions blocks produced by compaction
 * @param downsampled blocks produced by downsampling
 * @param retentionMarked blocks newly marked for deletion by retention
 * @param deleted blocks deleted by the final cleanup (marked blocks past the delete delay and aborted uploads)
 * @param error the halt or retriable error, when the outcome is {@link Outcome#HALTED} or {@link Outcome#RETRY}
 */
public record IterationResult(Outcome outcome, int compactions, int downsampled, int retentionMarked, int deleted,
    Optional<Exception> error) {

  /** How an iteration ended. */
  public enum Outcome {
    /** Compaction, downsampling, retention and cleanup all ran. */
    COMPLETED,
    /** A halt error stopped this iteration; the compactor stays halted. */
    HALTED,
    /** The compactor was already halted: nothing was done. */
    SKIPPED_HALTED,
    /** A retriable error stopped this iteration; the next one starts over. */
    RETRY
  }

  /** Validates the result. */
  public IterationResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(error, "error");
    if ((outcome == Outcome.HALTED || outcome == Outcome.RETRY) != error.isPresent()) {
      throw new IllegalArgumentException("an error is given exactly for HALTED and RETRY outcomes");
    }
  }
}
