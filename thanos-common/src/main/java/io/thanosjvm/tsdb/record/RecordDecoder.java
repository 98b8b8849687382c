package io.thanosjvm.tsdb.record;

import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.encoding.DecodeBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Series, Samples and Tombstones records (the formats of {@link RecordEncoder}) into reusable holders,
 * as Prometheus 2.42's {@code record.Decoder}: the whole record must be consumed. Bad bytes throw
 * {@link CorruptBlockException} naming the source {@code "wal record"} and the offset inside the record. The
 * decoder is stateless and thread-safe.
 */
public final class RecordDecoder {

  private static final String SOURCE = "wal record";

  /** Decodes {@code len} bytes of a Series record into {@code into} (cleared first). */
  public void series(byte[] rec, int len, SeriesRecord into) {
    into.clear();
    DecodeBuffer d = open(rec, len, RecordType.SERIES);
    while (d.remaining() > 0) {
      long ref = d.be64();
      into.add(ref, labels(d));
    }
  }

  private static Labels labels(DecodeBuffer d) {
    int n = d.uvarintInt(d.remaining(), "label count");
    String[] names = new String[n];
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = d.uvarintString();
      values[i] = d.uvarintString();
    }
    try {
      return Labels.fromSortedArrays(names, values);
    } catch (IllegalArgumentException unsorted) {
      try {
        List<Label> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(new Label(names[i], values[i]));
        }
        return Labels.fromLabels(list);
      } catch (IllegalArgumentException e) { // an empty or repeated name: Prometheus never writes one
        throw d.corrupt("invalid label set: " + e.getMessage());
      }
    }
  }

  /** Decodes {@code len} bytes of a Samples record into {@code into} (cleared first). */
  public void samples(byte[] rec, int len, SamplesRecord into) {
    into.clear();
    DecodeBuffer d = open(rec, len, RecordType.SAMPLES);
    if (d.remaining() == 0) {
      return;
    }
    long baseRef = d.be64();
    long baseT = d.be64();
    into.ensureCapacity(d.remaining() / 10);
    while (d.remaining() > 0) {
      long dRef = d.varint();
      long dT = d.varint();
      long bits = d.be64();
      into.addBits(baseRef + dRef, baseT + dT, bits);
    }
  }

  /** Decodes {@code len} bytes of a Tombstones record into {@code into} (cleared first). */
  public void tombstones(byte[] rec, int len, TombstonesRecord into) {
    into.clear();
    DecodeBuffer d = open(rec, len, RecordType.TOMBSTONES);
    while (d.remaining() > 0) {
      long ref = d.be64();
      long mint = d.varint();
      long maxt = d.varint();
      into.add(ref, mint, maxt);
    }
  }

  private static DecodeBuffer open(byte[] rec, int len, RecordType expected) {
    if (len < 1 || len > rec.length) {
      throw new CorruptBlockException(SOURCE, 0, "invalid record length " + len);
    }
    DecodeBuffer d = new DecodeBuffer(SOURCE, 0, rec, 0, len);
    int type = d.u8();
    if (type != expected.code()) {
      throw new CorruptBlockException(SOURCE, 0, "invalid record type " + type + ", expected " + expected);
    }
    return d;
  }
}
