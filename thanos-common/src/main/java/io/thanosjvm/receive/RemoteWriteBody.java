package io.thanosjvm.receive;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.thanosjvm.compress.SnappyBlocks;
import io.thanosjvm.wire.storepb.WriteRequest;
import io.thanosjvm.wire.storepb.prompb.TimeSeries;
import java.io.IOException;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Reads the body of {@code POST /api/v1/receive}: Prometheus remote write 1.0, a snappy block-compressed {@code
 * prometheus.WriteRequest}. Its series are read straight into Thanos' copy of the remote types ({@code
 * prometheus_copy.TimeSeries}, field for field the same on the wire), the form receivers forward to each other, so
 * nothing is converted on the way; the request's {@code metadata} (field 3) is skipped.
 */
public final class RemoteWriteBody {

  /** Remote write 1.0's content type. */
  public static final String CONTENT_TYPE_V1 = "application/x-protobuf";
  /** The version header remote write 2.0 senders set. */
  public static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";

  private RemoteWriteBody() {}

  /**
   * Checks the headers describe remote write 1.0.
   *
   * @param contentType the Content-Type header, null when absent (accepted as 1.0, as Thanos does)
   * @param contentEncoding the Content-Encoding header, null when absent (snappy is assumed)
   * @param version the {@value #VERSION_HEADER} header, null when absent
   * @throws WriteException ({@link WriteErrorCause#UNSUPPORTED}) naming what is not supported
   */
  public static void checkHeaders(String contentType, String contentEncoding, String version) {
    if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.trim().equalsIgnoreCase("snappy")) {
      throw new WriteException(WriteErrorCause.UNSUPPORTED, "unsupported Content-Encoding \"" + contentEncoding
          + "\": remote write bodies must be snappy-compressed");
    }
    if (contentType != null && !contentType.isBlank()) {
      String ct = contentType.trim().toLowerCase(java.util.Locale.ROOT);
      if (ct.contains("io.prometheus.write.v2.request")) {
        throw new WriteException(WriteErrorCause.UNSUPPORTED, "remote write 2.0 (" + contentType
            + ") is not supported by this receiver yet; send remote write 1.0 (prometheus.WriteRequest)");
      }
      if (!ct.startsWith(CONTENT_TYPE_V1) || ct.contains("proto=") && !ct.contains("proto=prometheus.writerequest")) {
        throw new WriteException(WriteErrorCause.UNSUPPORTED, "unsupported Content-Type \"" + contentType
            + "\": expected " + CONTENT_TYPE_V1 + " (remote write 1.0)");
      }
    }
    if (version != null && !version.isBlank() && !version.trim().startsWith("0.1")) {
      throw new WriteException(WriteErrorCause.UNSUPPORTED, "unsupported remote write version \"" + version
          + "\": this receiver speaks 0.1.0 (remote write 1.0)");
    }
  }

  private static WriteException notSnappy() {
    return new WriteException(WriteErrorCause.VALIDATION,
        "snappy decode error: the body is not a snappy-compressed (block format) remote write request");
  }

  /**
   * The series of a body.
   *
   * @param maxDecodedBytes the largest accepted uncompressed size (0 = no limit)
   * @throws WriteException ({@link WriteErrorCause#VALIDATION}) for a body that is not snappy or not a write
   *     request, ({@link WriteErrorCause#TOO_LARGE}) when it decodes to more than the limit
   */
  public static List<TimeSeries> decode(byte[] body, long maxDecodedBytes) {
    byte[] raw;
    try {
      long size = body.length == 0 ? -1 : Snappy.uncompressedLength(body);
      boolean plausible = SnappyBlocks.plausible(size, body.length);
      if (!plausible || maxDecodedBytes > 0 && size > maxDecodedBytes) {
        // the decoder allocates the announced length before checking the stream: a length no valid stream of this
        // size can reach, or one over the limit, is checked first (one extra pass), so a 100-byte body cannot make
        // us allocate 64 MiB; only a valid stream is "too large"
        if (!Snappy.isValidCompressedBuffer(body)) {
          throw notSnappy();
        }
        throw new WriteException(WriteErrorCause.TOO_LARGE, "write request too large: " + size
            + " bytes uncompressed, the limit is " + maxDecodedBytes);
      }
      // uncompressing checks the stream; no separate validation pass on the hot path
      raw = Snappy.uncompress(body);
    } catch (IOException e) {
      throw notSnappy();
    }
    try {
      CodedInputStream in = CodedInputStream.newInstance(raw);
      in.setRecursionLimit(16);
      // field 3 of the remote-write request (metadata, length-delimited) does not match WriteRequest's field 3
      // (replica, varint): protobuf keeps it as an unknown field, which is dropped here.
      return WriteRequest.parseFrom(in).getTimeseriesList();
    } catch (InvalidProtocolBufferException e) {
      throw new WriteException(WriteErrorCause.VALIDATION, "unmarshal write request: " + e.getMessage());
    } catch (IOException e) {
      throw new WriteException(WriteErrorCause.VALIDATION, "unmarshal write request: " + e.getMessage());
    }
  }
}
