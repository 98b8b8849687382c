package io.thanosjvm.testing.fuzz;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a fuzz campaign did: its seed and size, how the inputs were answered (accepted, or refused by which
 * exception type), how many distinct outcomes it saw, and its findings.
 *
 * @param target the target's name
 * @param seed the random seed (rerun with {@code -Dfuzz.seed=<seed>})
 * @param iterations mutated inputs run
 * @param outcomes inputs per outcome
 * @param distinctOutcomes distinct outcome shapes
 * @param findings mishandled inputs
 */
public record FuzzReport(String target, long seed, long iterations, Map<String, Long> outcomes,
    int distinctOutcomes, List<FuzzFinding> findings) {

  /** Copies the collections. */
  public FuzzReport {
    outcomes = Map.copyOf(outcomes);
    findings = List.copyOf(findings);
  }

  /** One line for the test log. */
  public String summary() {
    return "fuzz " + target + ": seed " + seed + ", " + iterations + " inputs, " + distinctOutcomes
        + " distinct outcomes " + outcomes + ", " + findings.size() + " findings";
  }

  /** Fails with every finding described when there is one. */
  public void assertNoFindings() {
    if (!findings.isEmpty()) {
      throw new AssertionError(summary() + " (rerun with -Dfuzz.seed=" + seed + ")\n"
          + findings.stream().map(FuzzFinding::describe).collect(Collectors.joining("\n")));
    }
  }
}
