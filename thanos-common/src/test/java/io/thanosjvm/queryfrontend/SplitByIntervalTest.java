package io.thanosjvm.queryfrontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitByIntervalTest {

  private static final long DAY = 86_400_000L;
  private static final long DAY0 = 1_700_006_400_000L; // 2023-11-15T00:00:00Z

  private static RangeRequest req(long start, long end, long step) {
    return new RangeRequest("up", start, end, step, true, true, 0, List.of(), List.of(), "", 0, false, Map.of());
  }

  private static List<Long> steps(long start, long end, long step) {
    List<Long> out = new ArrayList<>();
    for (long t = start; t <= end; t += step) {
      out.add(t);
    }
    return out;
  }

  @Test
  void subQueriesEndOneStepBeforeTheNextStartsAndCoverEveryEvaluationTimeOnce() {
    for (long step : new long[] {15_000, 60_000, 7 * 60_000, 3_600_000 + 17_000, 5 * 3_600_000}) {
      for (long offset : new long[] {0, 1, 12_345, DAY / 2 + 999}) {
        long start = DAY0 - DAY / 3 + offset;
        long end = start + 3 * DAY + 5 * 3_600_000 + offset;
        RangeRequest r = req(start, end, step);
        List<RangeRequest> parts = SplitByInterval.split(r, DAY);
        List<Long> covered = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
          RangeRequest p = parts.get(i);
          assertThat(Math.floorDiv(p.start(), DAY)).as("part %d of step %d within one day", i, step)
              .isEqualTo(Math.floorDiv(p.end(), DAY));
          if (i > 0) {
            assertThat(p.start()).isEqualTo(parts.get(i - 1).end() + step);
          }
          covered.addAll(steps(p.start(), p.end(), step));
        }
        assertThat(covered).as("step %d offset %d", step, offset).isEqualTo(steps(start, end, step));
        assertThat(parts.get(parts.size() - 1).end()).isEqualTo(end);
      }
    }
  }

  @Test
  void aRangeWithinOneDayIsNotSplitAndAnInstantRangeStaysOneQuery() {
    assertThat(SplitByInterval.split(req(DAY0 + 1000, DAY0 + 3_600_000, 60_000), DAY)).hasSize(1);
    assertThat(SplitByInterval.split(req(DAY0 + 5, DAY0 + 5, 60_000), DAY)).hasSize(1);
    assertThat(SplitByInterval.split(req(DAY0, DAY0 + 3 * DAY, 3_600_000), DAY)).extracting(RangeRequest::start)
        .containsExactly(DAY0, DAY0 + DAY, DAY0 + 2 * DAY);
  }

  @Test
  void stepAlignRoundsStartAndEndDownToMultiplesOfTheStep() {
    RangeRequest aligned = StepAlign.align(req(DAY0 + 61_000, DAY0 + 3_659_999, 60_000));
    assertThat(aligned.start()).isEqualTo(DAY0 + 60_000);
    assertThat(aligned.end()).isEqualTo(DAY0 + 3_600_000);
  }
}
