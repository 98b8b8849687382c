package io.thanosjvm.receive;

import com.google.protobuf.CodedInputStream;
import io.thanosjvm.compress.SnappyBlocks;
import io.thanosjvm.wire.storepb.WriteRequest;
import io.thanosjvm.wire.storepb.prompb.TimeSeries;
import java.io.IOException;
import java.util.List;
import org.xerial.snappy.Snappy;

/**
 * Reads the body of {@code POST /api/v1/receive}: Prometheus remote write 1.0, a snappy block-compressed {@code
 * prometheus.WriteRequest} (2.0 bodies are read by {@link RemoteWriteV2Body}), and tells the two apart by their
 * headers. Its series are read straight into Thanos' copy of the remote types ({@code prometheus_copy.TimeSeries},
 * field for field the same on the wire), the form receivers forward to each other, so nothing is converted on the
 * way; the request's {@code metadata} (field 3) is skipped.
 */
public final class RemoteWriteBody {

  /** Remote write 1.0's content type. */
  public static final String CONTENT_TYPE_V1 = "application/x-protobuf";
  /** The version header remote write 2.0 senders set. */
  public static final String VERSION_HEADER = "X-Prometheus-Remote-Write-Version";

  private RemoteWriteBody() {}

  /** The remote-write protocol a request speaks, from its headers. */
  public enum Protocol {
    /** Remote write 1.0: {@code prometheus.WriteRequest}. */
    V1,
    /** Remote write 2.0: {@code io.prometheus.write.v2.Request}, translated to 1.0 ({@link RemoteWriteV2Body}). */
    V2
  }

  /**
   * The protocol the headers describe: remote write 1.0 ({@code application/x-protobuf}, optionally with {@code
   * proto=prometheus.WriteRequest}) or 2.0 ({@code proto=io.prometheus.write.v2.Request}), snappy-encoded.
   *
   * @param contentType the Content-Type header, null when absent (accepted as 1.0, as Thanos does)
   * @param contentEncoding the Content-Encoding header, null when absent (snappy is assumed)
   * @param version the {@value #VERSION_HEADER} header, null when absent
   * @throws WriteException ({@link WriteErrorCause#UNSUPPORTED}) naming what is not supported
   */
  public static Protocol protocol(String contentType, String contentEncoding, String version) {
    if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.trim().equalsIgnoreCase("snappy")) {
      throw new WriteException(WriteErrorCause.UNSUPPORTED, "unsupported Content-Encoding \"" + contentEncoding
          + "\": remote write bodies must be snappy-compressed");
    }
    Protocol protocol = Protocol.V1;
    if (contentType != null && !contentType.isBlank()) {
      String ct = contentType.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
      if (!ct.startsWith(CONTENT_TYPE_V1)) {
        throw unsupportedType(contentType);
      }
      if (ct.contains("proto=io.prometheus.write.v2.request")) {
        protocol = Protocol.V2;
      } else if (ct.contains("proto=") && !ct.contains("proto=prometheus.writerequest")) {
        throw unsupportedType(contentType);
      }
    }
    if (version != null && !version.isBlank() && !version.trim().startsWith("0.1")
        && !version.trim().startsWith("2.")) {
      throw new WriteException(WriteErrorCause.UNSUPPORTED, "unsupported remote write version \"" + version
          + "\": this receiver speaks 0.1.0 (remote write 1.0) and 2.0.0");
    }
    return protocol;
  }

  private static WriteException unsupportedType(String contentType) {
    return new WriteException(WriteErrorCause.UNSUPPORTED, "unsupported Content-Type \"" + contentType
        + "\": expected " + CONTENT_TYPE_V1 + " (remote write 1.0) or " + CONTENT_TYPE_V1
        + ";proto=io.prometheus.write.v2.Request (remote write 2.0)");
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
    byte[] raw = uncompress(body, maxDecodedBytes);
    try {
      CodedInputStream in = CodedInputStream.newInstance(raw);
      in.setRecursionLimit(16);
      // field 3 of the remote-write request (metadata, length-delimited) does not match WriteRequest's field 3
      // (replica, varint): protobuf keeps it as an unknown field, which is dropped here.
      return WriteRequest.parseFrom(in).getTimeseriesList();
    } catch (IOException e) {
      throw new WriteException(WriteErrorCause.VALIDATION, "unmarshal write request: " + e.getMessage());
    }
  }

  /**
   * The uncompressed body.
   *
   * @param maxDecodedBytes the largest accepted uncompressed size (0 = no limit)
   * @throws WriteException ({@link WriteErrorCause#VALIDATION}) for a body that is not snappy,
   *     ({@link WriteErrorCause#TOO_LARGE}) when it decodes to more than the limit
   */
  static byte[] uncompress(byte[] body, long maxDecodedBytes) {
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
      return Snappy.uncompress(body);
    } catch (IOException e) {
      throw notSnappy();
    }
  }
}
