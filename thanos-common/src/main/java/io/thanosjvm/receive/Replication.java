package io.thanosjvm.receive;

import java.util.ArrayList;
import java.util.List;

/**
 * Which replicas of a request this receiver must write, from the replica header: on the wire the header is 1-based
 * and absent (0) means "not replicated yet", in which case every replica {@code 0..RF-1} is written; an already
 * replicated request carries exactly one replica and succeeds with one write. Router-only and ingestor-only
 * receivers ignore the header, as in Thanos (acyclic topologies).
 *
 * @param replicas the 0-based replica numbers to write
 * @param alreadyReplicated whether the request came from another receiver
 */
public record Replication(List<Integer> replicas, boolean alreadyReplicated) {

  /** Validates the plan. */
  public Replication {
    replicas = List.copyOf(replicas);
  }

  /**
   * The plan for a request.
   *
   * @param headerReplica the parsed replica header (0 when absent)
   * @param replicationFactor {@code --receive.replication-factor}
   * @param mode this receiver's mode
   * @throws WriteException ({@link WriteErrorCause#BAD_REPLICA}) when the header exceeds the replication factor
   */
  public static Replication plan(long headerReplica, int replicationFactor, ReceiverMode mode) {
    long rep = mode == ReceiverMode.ROUTER_ONLY || mode == ReceiverMode.INGESTOR_ONLY ? 0 : headerReplica;
    if (rep < 0 || rep > replicationFactor) {
      throw WriteException.of(WriteErrorCause.BAD_REPLICA);
    }
    if (rep != 0) {
      return new Replication(List.of((int) rep - 1), true);
    }
    List<Integer> all = new ArrayList<>();
    for (int r = 0; r < replicationFactor; r++) {
      all.add(r);
    }
    return new Replication(all, false);
  }

  /**
   * Successful writes each series needs: 1 for an already replicated request, else the write quorum —
   * {@code floor(RF/2)+1}, except 1 for RF=2 (so an HA pair keeps accepting writes with one receiver down).
   */
  public int successThreshold() {
    return alreadyReplicated ? 1 : quorum(replicas.size());
  }

  /** Thanos' write quorum for a replication factor. */
  public static int quorum(int replicationFactor) {
    return replicationFactor == 2 ? 1 : replicationFactor / 2 + 1;
  }
}
