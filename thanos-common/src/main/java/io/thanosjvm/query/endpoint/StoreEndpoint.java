package io.thanosjvm.query.endpoint;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.labelpb.ZLabelSet;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A healthy StoreAPI endpoint with its last Info answer.
 *
 * @param address where it is
 * @param info its last Info answer (with a non-null store section)
 * @param stub a stub on its channel
 */
public record StoreEndpoint(String address, InfoResponse info, StoreGrpc.StoreStub stub) {

  /** Requires a store section in the Info answer. */
  public StoreEndpoint {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(stub, "stub");
    if (!info.hasStore()) {
      throw new IllegalArgumentException(address + " does not serve the StoreAPI");
    }
  }

  /** Its external label sets. */
  public List<Labels> labelSets() {
    List<Labels> out = new ArrayList<>(info.getLabelSetsCount());
    for (ZLabelSet set : info.getLabelSetsList()) {
      Labels.Builder b = Labels.builder();
      for (Label l : set.getLabelsList()) {
        b.set(l.getName(), l.getValue());
      }
      out.add(b.build());
    }
    return out;
  }

  /** Whether it may hold data in {@code [min, max]}. */
  public boolean overlaps(long min, long max) {
    return info.getStore().getMinTime() <= max && min <= info.getStore().getMaxTime();
  }

  /**
   * Whether one of its label sets is compatible with the matchers: for every matcher on a label the set has,
   * the set's value matches. A store without label sets is always compatible.
   */
  public boolean matches(List<Matcher> matchers) {
    List<Labels> sets = labelSets();
    if (sets.isEmpty()) {
      return true;
    }
    for (Labels set : sets) {
      boolean ok = true;
      for (Matcher m : matchers) {
        if (set.has(m.name()) && !m.matches(set.get(m.name()))) {
          ok = false;
          break;
        }
      }
      if (ok) {
        return true;
      }
    }
    return false;
  }

  /** Whether it removes replica labels itself. */
  public boolean supportsWithoutReplicaLabels() {
    return info.getStore().getSupportsWithoutReplicaLabels();
  }

  /** Whether the store filters Series by {@code shard_info} itself (else the querier does). */
  public boolean supportsSharding() {
    return info.getStore().getSupportsSharding();
  }
}
