package io.thanosjvm.store;

import io.thanosjvm.cacheutil.XxHash64;
import io.thanosjvm.model.Labels;
import io.thanosjvm.wire.labelpb.Label;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The vertical-sharding series filter, the one implementation used by every store (bucket store, TSDB stores of
 * receive and ruler, the sidecar) and by the querier for stores that do not advertise {@code supports_sharding}:
 * hash = XXH64 over {@code name 0xFF value 0xFF} of each selected label in label order (with {@code by}, the
 * shard's labels; without it, every other label), and a series is kept when {@code hash mod total} (unsigned)
 * equals the shard index, as Thanos' {@code ShardMatcher} does. Labels are the ones the store sends: external
 * labels attached and {@code without_replica_labels} removed.
 *
 * <p>Not thread-safe (one reused buffer): one matcher per request and thread.
 */
public final class ShardMatcher {

  private static final byte SEP = (byte) 0xff;
  /** Keeps every series (no sharding); stateless, so shared. */
  public static final ShardMatcher ALL = new ShardMatcher(null);

  private final VerticalShard shard;
  private final Set<String> names;
  private byte[] buf = new byte[256];
  private int len;

  private ShardMatcher(VerticalShard shard) {
    this.shard = shard;
    this.names = shard == null ? Set.of() : new HashSet<>(shard.labels());
  }

  /** A matcher keeping the series of {@code shard}; every series when it is null. */
  public static ShardMatcher of(VerticalShard shard) {
    return shard == null ? ALL : new ShardMatcher(shard);
  }

  /** A matcher for a Series request's {@code shard_info} (keeps everything when unset or not sharded). */
  public static ShardMatcher of(io.thanosjvm.wire.storepb.SeriesRequest request) {
    return request.hasShardInfo() ? of(VerticalShard.fromWire(request.getShardInfo())) : ALL;
  }

  /** Whether this matcher filters at all. */
  public boolean sharded() {
    return shard != null;
  }

  /** Whether the series with these labels belongs to the shard. */
  public boolean matches(Labels labels) {
    if (shard == null) {
      return true;
    }
    len = 0;
    for (int i = 0; i < labels.size(); i++) {
      add(labels.name(i), labels.value(i));
    }
    return keep();
  }

  /** Whether the series with these wire labels (in label order) belongs to the shard. */
  public boolean matchesWire(List<Label> labels) {
    if (shard == null) {
      return true;
    }
    len = 0;
    for (Label l : labels) {
      add(l.getName(), l.getValue());
    }
    return keep();
  }

  /** The labels that decide the shard of {@code labels} (for tests and explanations). */
  public Labels hashedLabels(Labels labels) {
    if (shard == null) {
      return Labels.EMPTY;
    }
    Collection<String> keep = new HashSet<>();
    for (int i = 0; i < labels.size(); i++) {
      if (names.contains(labels.name(i)) == shard.by()) {
        keep.add(labels.name(i));
      }
    }
    return labels.keepOnly(keep);
  }

  private void add(String name, String value) {
    if (names.contains(name) != shard.by()) {
      return;
    }
    put(name);
    put(value);
  }

  private void put(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (len + b.length + 1 > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + b.length + 1));
    }
    System.arraycopy(b, 0, buf, len, b.length);
    len += b.length;
    buf[len++] = SEP;
  }

  private boolean keep() {
    return Long.remainderUnsigned(XxHash64.hash(buf, len), shard.total()) == shard.index();
  }
}
