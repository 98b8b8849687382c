package io.thanosjvm.head;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.store.prometheus.PrometheusClient;
import io.thanosjvm.store.prometheus.PrometheusEndpoint;
import io.thanosjvm.model.SampleIterator;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.wire.prompb.ChunkedSeries;
import io.thanosjvm.wire.prompb.Query;
import io.thanosjvm.wire.prompb.ReadRequest;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Raw samples per series as {@code "t bits"} strings (value bits in hex, so NaN payloads and stale markers compare
 * exactly), read from our TSDB or from a real Prometheus over remote read (streamed XOR chunks, which keep stale
 * markers that the HTTP query API would hide).
 */
final class StoredSamples {

  private StoredSamples() {}

  static String sample(long t, double v) {
    return t + " " + Long.toHexString(Double.doubleToRawLongBits(v));
  }

  /** Everything our TSDB serves in [mint, maxt]. */
  static Map<Labels, List<String>> of(LocalTsdb db, long mint, long maxt) {
    Map<Labels, List<String>> out = new TreeMap<>();
    Iterator<StoredSeries> it = db.select(mint, maxt, List.of(Matcher.regex("__name__", ".+")));
    while (it.hasNext()) {
      StoredSeries s = it.next();
      List<String> l = new ArrayList<>();
      SampleIterator si = s.iterator();
      while (si.next()) {
        l.add(sample(si.atT(), si.atV()));
      }
      out.put(s.labels(), l);
    }
    return out;
  }

  /** Everything a Prometheus at {@code base} serves in [mint, maxt], through remote read. */
  static Map<Labels, List<String>> ofPrometheus(URI base, long mint, long maxt) {
    PrometheusClient client = new PrometheusClient(new PrometheusEndpoint(base, Duration.ofSeconds(60)));
    Query q = Query.newBuilder().setStartTimestampMs(mint).setEndTimestampMs(maxt)
        .addMatchers(WireMatchers.toPrometheus(Matcher.regex("__name__", ".+"))).build();
    ReadRequest req = ReadRequest.newBuilder().addQueries(q)
        .addAcceptedResponseTypes(ReadRequest.ResponseType.STREAMED_XOR_CHUNKS).build();
    Map<Labels, List<String>> out = new TreeMap<>();
    XorIterator it = new XorIterator();
    client.streamedRead(req, frame -> {
      for (ChunkedSeries cs : frame.getChunkedSeriesList()) {
        Labels.Builder b = Labels.builder();
        cs.getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
        List<String> l = out.computeIfAbsent(b.build(), k -> new ArrayList<>());
        for (io.thanosjvm.wire.prompb.Chunk c : cs.getChunksList()) {
          byte[] data = c.getData().toByteArray();
          it.reset(data, 0, data.length);
          while (it.next()) {
            if (it.atT() >= mint && it.atT() <= maxt) {
              l.add(sample(it.atT(), it.atV()));
            }
          }
        }
      }
      return true;
    });
    return out;
  }
}
