package io.thanosjvm.tsdb.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.StaleMarker;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordCodecTest {

  private final RecordEncoder enc = new RecordEncoder();
  private final RecordDecoder dec = new RecordDecoder();

  @Test
  void samplesEncodeAsBigEndianBaseThenZigZagDeltasLikePrometheus() {
    SamplesRecord s = new SamplesRecord();
    s.add(5, 1000, 1.0);
    s.add(3, 999, 2.0);
    byte[] rec = enc.samples(s);
    String hex = HexFormat.of().formatHex(rec);
    assertThat(hex).isEqualTo("02"
        + "0000000000000005" + "00000000000003e8" // base ref, base t
        + "00" + "00" + "3ff0000000000000" // first sample repeats with deltas 0, 0
        + "03" + "01" + "4000000000000000"); // dRef -2 -> zigzag 3, dT -1 -> 1
  }

  @Test
  void emptySamplesRecordIsTheTypeByteAlone() {
    byte[] rec = enc.samples(new SamplesRecord());
    assertThat(rec).containsExactly(2);
    SamplesRecord out = new SamplesRecord();
    out.add(1, 1, 1);
    dec.samples(rec, rec.length, out);
    assertThat(out.size()).isZero();
  }

  @Test
  void samplesRoundTripKeepsNanPayloadsStaleMarkersAndInfinities() {
    long[] bits = {StaleMarker.STALE_NAN_BITS, StaleMarker.NORMAL_NAN_BITS,
        Double.doubleToRawLongBits(Double.POSITIVE_INFINITY), Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
        Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Double.MIN_VALUE), 0x7ff8000000000000L,
        Double.doubleToRawLongBits(123.456)};
    SamplesRecord s = new SamplesRecord(1);
    for (int i = 0; i < 1000; i++) {
      s.addBits(i % 37 == 0 ? Long.MAX_VALUE - i : i * 7L, 1_700_000_000_000L - 15_000L * (i % 13) + i,
          bits[i % bits.length]);
    }
    byte[] rec = enc.samples(s);
    SamplesRecord out = new SamplesRecord(0);
    dec.samples(rec, rec.length, out);
    assertThat(out.size()).isEqualTo(s.size());
    for (int i = 0; i < s.size(); i++) {
      assertThat(out.ref(i)).isEqualTo(s.ref(i));
      assertThat(out.timestamp(i)).isEqualTo(s.timestamp(i));
      assertThat(out.valueBits(i)).isEqualTo(s.valueBits(i));
    }
  }

  @Test
  void seriesEncodeRefThenSortedLabelsWithUvarintLengths() {
    SeriesRecord s = new SeriesRecord();
    s.add(1, Labels.of("job", "a", "__name__", "up"));
    byte[] rec = enc.series(s);
    assertThat(HexFormat.of().formatHex(rec)).isEqualTo("01" + "0000000000000001" + "02"
        + "08" + hex("__name__") + "02" + hex("up") + "03" + hex("job") + "01" + hex("a"));
  }

  @Test
  void seriesRoundTripWithUtf8AndEmptyLabelSet() {
    SeriesRecord s = new SeriesRecord();
    s.add(1, Labels.of("__name__", "up", "job", "node", "instance", "host:9100"));
    s.add(2, Labels.of("__name__", "température", "ville", "Zürich", "long", "x".repeat(300)));
    s.add(0xFFFF_FFFF_FFFFL, Labels.EMPTY);
    byte[] rec = enc.series(s);
    SeriesRecord out = new SeriesRecord();
    dec.series(rec, rec.length, out);
    assertThat(out.size()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      assertThat(out.ref(i)).isEqualTo(s.ref(i));
      assertThat((Object) out.labels(i)).isEqualTo(s.labels(i));
    }
  }

  @Test
  void tombstoneOfOneIntervalIsTwentyOneBytesAsPrometheusWrites() {
    TombstonesRecord t = new TombstonesRecord();
    t.add(3, 1_796_645_492_000L, 1_796_652_000_000L);
    byte[] rec = enc.tombstones(t);
    assertThat(rec).hasSize(21);
    TombstonesRecord out = new TombstonesRecord();
    dec.tombstones(rec, rec.length, out);
    assertThat(out.size()).isOne();
    assertThat(out.ref(0)).isEqualTo(3);
    assertThat(out.mint(0)).isEqualTo(1_796_645_492_000L);
    assertThat(out.maxt(0)).isEqualTo(1_796_652_000_000L);
  }

  @Test
  void truncatedOrMistypedRecordsAreCorrupt() {
    SamplesRecord s = new SamplesRecord();
    s.add(1, 2, 3);
    s.add(2, 3, 4);
    byte[] rec = enc.samples(s);
    SamplesRecord out = new SamplesRecord();
    for (int len = 2; len < rec.length; len++) {
      if (len == 17 || len == 27) {
        continue; // cut at an entry boundary: a shorter valid record, as in Prometheus
      }
      int l = len;
      assertThatThrownBy(() -> dec.samples(rec, l, out)).isInstanceOf(CorruptBlockException.class);
    }
    assertThatThrownBy(() -> dec.series(rec, rec.length, new SeriesRecord()))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("invalid record type");
    assertThatThrownBy(() -> dec.tombstones(new byte[0], 0, new TombstonesRecord()))
        .isInstanceOf(CorruptBlockException.class);
  }

  @Test
  void dispatcherDecodesKnownTypesAndSkipsAndCountsTheOthers() {
    List<String> seen = new ArrayList<>();
    RecordDispatcher d = new RecordDispatcher(new RecordHandler() {
      @Override
      public void series(SeriesRecord series) {
        seen.add("series " + series.size());
      }

      @Override
      public void samples(SamplesRecord samples) {
        seen.add("samples " + samples.size());
      }

      @Override
      public void tombstones(TombstonesRecord tombstones) {
        seen.add("tombstones " + tombstones.size());
      }

      @Override
      public void skipped(RecordType type, byte[] rec, int len) {
        seen.add("skipped " + type);
      }
    });
    SeriesRecord series = new SeriesRecord();
    series.add(1, Labels.of("a", "b"));
    SamplesRecord samples = new SamplesRecord();
    samples.add(1, 1, 1);
    samples.add(1, 2, 2);
    d.dispatch(enc.series(series), enc.series(series).length);
    byte[] sr = enc.samples(samples);
    d.dispatch(sr, sr.length);
    byte[] exemplar = {4, 0, 0};
    d.dispatch(exemplar, 3);
    byte[] metadata = Arrays.copyOf(new byte[] {6}, 5);
    d.dispatch(metadata, 5);
    d.dispatch(new byte[] {(byte) 200}, 1);
    d.dispatch(new byte[0], 0);
    byte[] tr = enc.tombstones(new TombstonesRecord());
    d.dispatch(tr, tr.length);
    assertThat(seen).containsExactly("series 1", "samples 2", "skipped EXEMPLARS", "skipped METADATA",
        "skipped UNKNOWN", "skipped UNKNOWN", "tombstones 0");
    assertThat(d.skipped()).isEqualTo(4);
    assertThat(d.count(RecordType.UNKNOWN)).isEqualTo(2);
    assertThat(d.count(RecordType.SAMPLES)).isEqualTo(1);
  }

  private static String hex(String s) {
    return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
