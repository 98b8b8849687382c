package io.thanosjvm.receive;

import com.google.protobuf.InvalidProtocolBufferException;
import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.wire.prompb.Label;
import io.thanosjvm.wire.prompb.WriteRequest;
import java.io.IOException;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Reading a Prometheus remote-write 1.0 body (snappy block format around a {@code prometheus.WriteRequest}) and
 * validating its series' labels as Thanos does before anything is stored. Every refusal is a
 * {@link WriteException} with a message saying what was wrong.
 */
public final class WriteRequests {

  /** Thanos' text for a series without labels or with an empty name or value. */
  public static final String EMPTY_LABELS = "label set contains a label with empty name or value";
  /** Thanos' text for labels not sorted by name. */
  public static final String OUT_OF_ORDER_LABELS = "out of order labels";
  /** Thanos' text for a label name given twice. */
  public static final String DUPLICATE_LABELS = "label set contains duplicate label names";

  private WriteRequests() {}

  /**
   * Decodes a request body.
   *
   * @param maxDecodedBytes the largest accepted uncompressed size (0 = no limit)
   * @throws WriteException ({@link WriteErrorCause#VALIDATION}) for a body that is not snappy, too large or not a
   *     write request; ({@link WriteErrorCause#LIMITED}) never — size is a validation matter here
   */
  public static WriteRequest decode(byte[] body, long maxDecodedBytes) {
    byte[] raw;
    try {
      if (!Snappy.isValidCompressedBuffer(body)) {
        throw new WriteException(WriteErrorCause.VALIDATION, "snappy decode error: corrupt input");
      }
      long size = Snappy.uncompressedLength(body);
      if (maxDecodedBytes > 0 && size > maxDecodedBytes) {
        throw new WriteException(WriteErrorCause.VALIDATION, "write request too large: " + size
            + " bytes uncompressed, the limit is " + maxDecodedBytes);
      }
      raw = Snappy.uncompress(body);
    } catch (IOException e) {
      throw new WriteException(WriteErrorCause.VALIDATION, "snappy decode error: " + e.getMessage());
    }
    try {
      return WriteRequest.parseFrom(raw);
    } catch (InvalidProtocolBufferException e) {
      throw new WriteException(WriteErrorCause.VALIDATION, "unmarshal write request: " + e.getMessage());
    }
  }

  /**
   * The labels of a remote-write series, checked as Thanos checks them: at least one label, no empty name or value,
   * names strictly ascending in byte order.
   *
   * @throws WriteException ({@link WriteErrorCause#VALIDATION}) with Thanos' text and the offending series
   */
  public static Labels labels(List<Label> labels) {
    int n = labels.size();
    if (n == 0) {
      throw new WriteException(WriteErrorCause.VALIDATION, EMPTY_LABELS + ": {}");
    }
    String[] names = new String[n];
    String[] values = new String[n];
    for (int i = 0; i < n; i++) {
      Label l = labels.get(i);
      names[i] = l.getName();
      values[i] = l.getValue();
      if (names[i].isEmpty() || values[i].isEmpty()) {
        throw invalid(EMPTY_LABELS, labels);
      }
      if (i > 0) {
        int c = Utf8Order.compare(names[i - 1], names[i]);
        if (c > 0) {
          throw invalid(OUT_OF_ORDER_LABELS, labels);
        }
        if (c == 0) {
          throw invalid(DUPLICATE_LABELS, labels);
        }
      }
    }
    return Labels.fromSortedArrays(names, values);
  }

  private static WriteException invalid(String what, List<Label> labels) {
    StringBuilder b = new StringBuilder(what).append(": {");
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(labels.get(i).getName()).append("=\"").append(labels.get(i).getValue()).append('"');
    }
    return new WriteException(WriteErrorCause.VALIDATION, b.append('}').toString());
  }
}
