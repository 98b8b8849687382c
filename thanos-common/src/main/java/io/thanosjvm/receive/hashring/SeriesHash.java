package io.thanosjvm.receive.hashring;

import io.thanosjvm.model.Labels;
import io.thanosjvm.cacheutil.XxHash64;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The hash that places a series: XXH64 (seed 0) of the tenant, then each label's name and value, every part followed
 * by the byte {@code 0xff} — byte for byte what Thanos hashes, so a mixed fleet routes every series alike.
 */
public final class SeriesHash {

  private static final int SEP = 0xff;

  private SeriesHash() {}

  /** The hash of {@code series} (labels in their sorted order) for {@code tenant}. */
  public static long of(String tenant, Labels series) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(256);
    b.writeBytes(tenant.getBytes(StandardCharsets.UTF_8));
    b.write(SEP);
    for (int i = 0; i < series.size(); i++) {
      b.writeBytes(series.name(i).getBytes(StandardCharsets.UTF_8));
      b.write(SEP);
      b.writeBytes(series.value(i).getBytes(StandardCharsets.UTF_8));
      b.write(SEP);
    }
    return XxHash64.hash(b.toByteArray());
  }
}
