package io.thanosjvm.receive;

import com.google.protobuf.CodedInputStream;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.storepb.prompb.Sample;
import io.thanosjvm.wire.storepb.prompb.TimeSeries;
import io.thanosjvm.wire.writev2.Request;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Prometheus remote write 2.0 body (a snappy block-compressed {@code io.prometheus.write.v2.Request}) and
 * translates it to the 1.0 series the rest of the write path takes: each series' {@code labels_refs} pairs are
 * looked up in the request's {@code symbols} table, its float samples copied. Exemplars, metadata and created
 * timestamps are not stored (none is counted as written); native histograms are refused, as this receiver stores
 * none. The written counts answer the 2.0 response headers ({@link #SAMPLES_WRITTEN} ...).
 */
public final class RemoteWriteV2Body {

  /** Response header: samples written. */
  public static final String SAMPLES_WRITTEN = "X-Prometheus-Remote-Write-Samples-Written";
  /** Response header: native histogram samples written. */
  public static final String HISTOGRAMS_WRITTEN = "X-Prometheus-Remote-Write-Histograms-Written";
  /** Response header: exemplars written. */
  public static final String EXEMPLARS_WRITTEN = "X-Prometheus-Remote-Write-Exemplars-Written";

  private RemoteWriteV2Body() {}

  /**
   * The series of a 2.0 body, as 1.0 series.
   *
   * @param maxDecodedBytes the largest accepted uncompressed size (0 = no limit)
   * @throws WriteException ({@link WriteErrorCause#VALIDATION}) for a body that is not snappy, not a 2.0 request
   *     (a 1.0 body included: its fields are the ones 2.0 reserves), a label reference outside the symbols
   *     table, an odd number of references or native histograms; ({@link WriteErrorCause#TOO_LARGE}) when it
   *     decodes to more than the limit
   */
  public static List<TimeSeries> decode(byte[] body, long maxDecodedBytes) {
    byte[] raw = RemoteWriteBody.uncompress(body, maxDecodedBytes);
    Request req;
    try {
      CodedInputStream in = CodedInputStream.newInstance(raw);
      in.setRecursionLimit(16);
      req = Request.parseFrom(in);
    } catch (IOException e) {
      throw invalid("unmarshal remote write 2.0 request: " + e.getMessage());
    }
    var unknown = req.getUnknownFields();
    if (unknown.hasField(1) || unknown.hasField(2) || unknown.hasField(3)) {
      throw invalid("the body is not a remote write 2.0 request (it uses fields 1-3, which 2.0 reserves: a 1.0 "
          + "prometheus.WriteRequest sent with the 2.0 Content-Type?)");
    }
    int symbols = req.getSymbolsCount();
    List<TimeSeries> out = new ArrayList<>(req.getTimeseriesCount());
    for (int i = 0; i < req.getTimeseriesCount(); i++) {
      io.thanosjvm.wire.writev2.TimeSeries ts = req.getTimeseries(i);
      if (ts.getHistogramsCount() > 0) {
        throw invalid("series " + i + " carries native histograms, which this receiver does not store");
      }
      int refs = ts.getLabelsRefsCount();
      if (refs % 2 != 0) {
        throw invalid("series " + i + " has an odd number of labels_refs (" + refs + ")");
      }
      TimeSeries.Builder b = TimeSeries.newBuilder();
      for (int r = 0; r < refs; r += 2) {
        int name = ts.getLabelsRefs(r);
        int value = ts.getLabelsRefs(r + 1);
        if (name < 0 || name >= symbols || value < 0 || value >= symbols) {
          throw invalid("series " + i + " references symbol " + (name < 0 || name >= symbols ? name : value)
              + " outside the symbols table (" + symbols + " symbols)");
        }
        b.addLabels(Label.newBuilder().setName(req.getSymbols(name)).setValue(req.getSymbols(value)));
      }
      for (int s = 0; s < ts.getSamplesCount(); s++) {
        var sample = ts.getSamples(s);
        b.addSamples(Sample.newBuilder().setTimestamp(sample.getTimestamp()).setValue(sample.getValue()));
      }
      out.add(b.build());
    }
    return out;
  }

  private static WriteException invalid(String message) {
    return new WriteException(WriteErrorCause.VALIDATION, message);
  }
}
