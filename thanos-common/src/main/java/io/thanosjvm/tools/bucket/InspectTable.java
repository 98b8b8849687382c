package io.thanosjvm.tools.bucket;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.model.GoDuration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The rows of {@code bucket inspect} and their rendering as a table, CSV or TSV. */
final class InspectTable {

  static final List<String> HEADER = List.of("ULID", "FROM", "UNTIL", "RANGE", "UNTIL-DOWN", "#SERIES", "#SAMPLES",
      "#CHUNKS", "COMP-LEVEL", "COMP-FAILED", "LABELS", "RESOLUTION", "SOURCE");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final long FIVE_MINUTES = 300_000;
  private static final long ONE_HOUR = 3_600_000;
  /** Block ranges after which the compactor downsamples raw (40h) and 5m (10d) blocks. */
  private static final long RAW_DOWNSAMPLE_RANGE = 40 * ONE_HOUR;
  private static final long FIVE_MIN_DOWNSAMPLE_RANGE = 240 * ONE_HOUR;

  private InspectTable() {}

  /** One row of cells for {@code m}. */
  static List<String> row(BlockMeta m) {
    long range = m.maxTime() - m.minTime();
    long resolution = m.thanos().map(t -> t.resolution()).orElse(0L);
    Map<String, String> labels = m.thanos().map(t -> t.labels()).orElse(Map.of());
    boolean failed = m.document().get("compaction") instanceof Map<?, ?> c && Boolean.TRUE.equals(c.get("failed"));
    return List.of(m.ulid(), TIME.format(Instant.ofEpochSecond(Math.floorDiv(m.minTime(), 1000))),
        TIME.format(Instant.ofEpochSecond(Math.floorDiv(m.maxTime(), 1000))), GoDuration.format(range),
        untilDown(range, resolution),
        grouped(m.numSeries()), grouped(m.numSamples()), grouped(m.numChunks()),
        Integer.toString(m.compactionLevel()), Boolean.toString(failed),
        labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")),
        GoDuration.format(resolution), m.thanos().map(t -> t.source()).orElse(""));
  }

  /** Time left until the block is long enough to be downsampled, or "-" when it never will be or already is. */
  static String untilDown(long range, long resolution) {
    long threshold = resolution == 0 ? RAW_DOWNSAMPLE_RANGE
        : resolution == FIVE_MINUTES ? FIVE_MIN_DOWNSAMPLE_RANGE : -1;
    return threshold < 0 || range >= threshold ? "-" : GoDuration.format(threshold - range);
  }

  static String grouped(long v) {
    return String.format(java.util.Locale.ROOT, "%,d", v);
  }

  /** A bordered table with a header separator line, columns padded to their widest cell. */
  static String table(List<List<String>> rows) {
    int[] width = new int[HEADER.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(HEADER);
    all.addAll(rows);
    for (List<String> r : all) {
      for (int i = 0; i < width.length; i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int n = 0; n < all.size(); n++) {
      List<String> r = all.get(n);
      sb.append('|');
      for (int i = 0; i < width.length; i++) {
        sb.append(' ').append(r.get(i)).append(" ".repeat(width[i] - r.get(i).length())).append(" |");
      }
      sb.append('\n');
      if (n == 0) {
        sb.append('|');
        for (int w : width) {
          sb.append("-".repeat(w + 2)).append('|');
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** Go's encoding/csv rule: quote cells holding the separator, a quote, a line break or a leading space. */
  static boolean needsQuotes(String cell, char sep) {
    return cell.indexOf(sep) >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0
        || cell.startsWith(" ");
  }

  /** Delimiter-separated values with a header line; cells are quoted when needed. */
  static String separated(List<List<String>> rows, char sep) {
    StringBuilder sb = new StringBuilder();
    List<List<String>> all = new ArrayList<>();
    all.add(HEADER);
    all.addAll(rows);
    for (List<String> r : all) {
      for (int i = 0; i < r.size(); i++) {
        if (i > 0) {
          sb.append(sep);
        }
        String cell = r.get(i);
        if (needsQuotes(cell, sep)) {
          cell = '"' + cell.replace("\"", "\"\"") + '"';
        }
        sb.append(cell);
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
