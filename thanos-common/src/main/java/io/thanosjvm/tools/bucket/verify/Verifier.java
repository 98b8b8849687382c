package io.thanosjvm.tools.bucket.verify;

import io.thanosjvm.tools.logfmt.ToolLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the chosen issues, Thanos' {@code verifier.Manager}: {@link #select} picks them by ID (with {@code --repair}
 * only repairable ones exist, so {@code overlapped_blocks} is then "no such issue ID", as in Thanos), {@link #verify}
 * checks, {@link #verifyAndRepair} checks and repairs.
 */
public final class Verifier {

  /** Every issue, verify-only ones first. */
  public static final List<Issue> ALL = List.of(new OverlappedBlocksIssue(), new IndexKnownIssues(),
      new DuplicatedCompactionIssue());

  /** Thanos' default {@code --issues}. */
  public static final List<String> DEFAULT_ISSUES = List.of(IndexKnownIssues.ID, OverlappedBlocksIssue.ID);

  private final List<Issue> issues;
  private final VerifyContext ctx;

  private Verifier(List<Issue> issues, VerifyContext ctx) {
    this.issues = issues;
    this.ctx = ctx;
  }

  /**
   * The verifier of the issues named {@code ids}; verify-only issues run before repairable ones.
   *
   * @throws IllegalArgumentException naming an unknown issue ID (or a verify-only one when repairing)
   */
  public static Verifier select(List<String> ids, boolean repair, VerifyContext ctx) {
    List<Issue> verifiers = new ArrayList<>();
    List<Issue> repairers = new ArrayList<>();
    for (String id : ids) {
      Issue found = null;
      for (Issue i : ALL) {
        if (i.id().equals(id) && (i.repairable() || !repair)) {
          found = i;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException("no such issue ID " + id);
      }
      (found.repairable() ? repairers : verifiers).add(found);
    }
    List<Issue> all = new ArrayList<>(verifiers);
    all.addAll(repairers);
    return new Verifier(List.copyOf(all), ctx);
  }

  /** Checks every selected issue. */
  public void verify(Set<String> ids) throws IOException {
    run(ids, false);
  }

  /** Checks and repairs every selected issue. */
  public void verifyAndRepair(Set<String> ids) throws IOException {
    run(ids, true);
  }

  private void run(Set<String> ids, boolean repair) throws IOException {
    if (issues.isEmpty()) {
      throw new IOException("nothing to verify. No verifiers and verifierRepairers registered");
    }
    ToolLog log = ctx.log().with("verifiers", String.join(",", issues.stream().map(Issue::id).toList()));
    if (repair) {
      log.warn("GLOBAL COMPACTOR SHOULD __NOT__ BE RUNNING ON THE SAME BUCKET");
    }
    log.info(repair ? "Starting verify and repair task" : "Starting verify task");
    for (Issue i : issues) {
      try {
        i.verify(ctx.withLog(log.with("verifier", i.id())), ids, repair);
      } catch (IOException e) {
        throw new IOException((repair ? "verify and repair " : "verify ") + i.id() + ": " + e.getMessage(), e);
      }
    }
    log.info(repair ? "verify and repair task completed" : "verify task completed");
  }
}
