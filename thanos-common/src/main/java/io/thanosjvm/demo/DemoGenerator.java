package io.thanosjvm.demo;

import io.thanosjvm.head.HeadAppender;
import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.receive.MultiTsdb;
import io.thanosjvm.tools.blocks.SyntheticData;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The live demo's writer: continues the series of {@link DemoBucket}'s history (same seed, same labels, both
 * replicas) through a receive tenant's head, one sample per series every {@link DemoBucket#STEP_MS} on the grid of
 * multiples of the step. {@link #catchUp()} appends every step after the last one written up to now (by the
 * injected clock), in time order, committing every {@link #STEPS_PER_COMMIT} steps: at start-up it fills the gap
 * since the previous run (the head cuts and ships 2h blocks as it goes, as Prometheus' head does), afterwards each
 * call adds what the clock says is due. Counters restart at zero on each start, as a restarted process's do.
 */
public final class DemoGenerator {

  /** Steps appended per commit while catching up. */
  static final int STEPS_PER_COMMIT = 60;

  private final MultiTsdb tsdbs;
  private final String tenant;
  private final InstantSource clock;
  private final long origin;
  private final SyntheticData data;
  private final List<SyntheticData.Def> defs = new ArrayList<>();
  private final List<Labels[]> labels = new ArrayList<>();
  private final double[] state;
  private long last;

  /**
   * A generator that continues after {@code last}.
   *
   * @param tsdbs receive's tenants
   * @param tenant the tenant written as
   * @param origin the time of the history's first step (step numbers, which drive the gauges' waves, count from
   *     there so they continue the history's)
   * @param last the newest sample time already stored (history, head or shipped blocks)
   */
  public DemoGenerator(MultiTsdb tsdbs, String tenant, InstantSource clock, long origin, long last) {
    this.tsdbs = Objects.requireNonNull(tsdbs, "tsdbs");
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.origin = origin;
    this.last = last;
    this.data = new SyntheticData(DemoBucket.SEED, DemoBucket.SERIES);
    data.forEachSorted(d -> {
      defs.add(d);
      Labels[] perReplica = new Labels[DemoBucket.REPLICAS.size()];
      for (int r = 0; r < perReplica.length; r++) {
        Labels.Builder b = Labels.builder();
        for (Label l : d.labels()) {
          b.set(l.name(), l.value());
        }
        perReplica[r] = b.set("cluster", "demo").set("replica", DemoBucket.REPLICAS.get(r)).build();
      }
      labels.add(perReplica);
    });
    this.state = new double[defs.size()];
    Arrays.fill(state, Double.NaN);
  }

  /** The newest sample time written (or found at construction). */
  public synchronized long last() {
    return last;
  }

  /**
   * Appends every step after the last written one up to now, in time order.
   *
   * @return the number of samples appended
   */
  public synchronized long catchUp() {
    long now = clock.millis();
    long step = DemoBucket.STEP_MS;
    long next = Math.floorDiv(last, step) * step + step;
    long written = 0;
    while (next <= now) {
      long from = next;
      long to = Math.min(now, from + (STEPS_PER_COMMIT - 1) * step);
      written += tsdbs.write(tenant, t -> {
        HeadAppender app = t.tsdb().appender();
        long n = 0;
        for (long ts = from; ts <= to; ts += step) {
          long stepNo = Math.floorDiv(ts - origin, step);
          for (int i = 0; i < defs.size(); i++) {
            state[i] = data.value(defs.get(i), stepNo, state[i], step);
            for (Labels l : labels.get(i)) {
              app.append(l, ts, state[i]);
              n++;
            }
          }
        }
        app.commit();
        return n;
      });
      last = Math.floorDiv(to, step) * step;
      next = last + step;
    }
    return written;
  }
}
