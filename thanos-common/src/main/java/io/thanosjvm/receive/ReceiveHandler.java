package io.thanosjvm.receive;

import io.thanosjvm.model.Labels;
import io.thanosjvm.relabel.RelabelConfig;
import io.thanosjvm.relabel.Relabeler;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.storepb.prompb.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/receive} without the HTTP server: from the request's headers and body to a status and a
 * message, as Thanos' receive handler answers. The tenant comes from the tenant header (else the default
 * tenant), the replica from the replica header; the body must be remote write 1.0, or 2.0 (translated to 1.0
 * by {@link RemoteWriteV2Body}, answered with the written-count headers), within the tenant's request limits; the
 * relabel rules ({@code --receive.relabel-config}) apply to every series (dropped series are not stored); then
 * the {@link ReceiveRouter} stores and forwards. Success is 200 with an empty body; every refusal is the status of
 * its {@link WriteErrorCause} with a message saying what was wrong.
 *
 * <p>Blocking (local appends, waiting for peers): call it off any event loop.
 */
public final class ReceiveHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ReceiveHandler.class);

  /**
   * Request handling settings.
   *
   * @param tenantHeader {@code --receive.tenant-header}
   * @param defaultTenant {@code --receive.default-tenant-id}
   * @param replicaHeader {@code --receive.replica-header}
   * @param limits request size, series and samples limits, default and per tenant
   * @param relabel {@code --receive.relabel-config}, empty for none
   */
  public record Settings(String tenantHeader, String defaultTenant, String replicaHeader, TenantRequestLimits limits,
      List<RelabelConfig> relabel) {

    /** Validates and copies. */
    public Settings {
      Objects.requireNonNull(tenantHeader, "tenantHeader");
      Objects.requireNonNull(replicaHeader, "replicaHeader");
      Objects.requireNonNull(limits, "limits");
      Tenants.validate(defaultTenant);
      relabel = List.copyOf(relabel);
    }

    /** The same request limits for every tenant. */
    public Settings(String tenantHeader, String defaultTenant, String replicaHeader, RequestLimits limits,
        List<RelabelConfig> relabel) {
      this(tenantHeader, defaultTenant, replicaHeader, TenantRequestLimits.uniform(limits), relabel);
    }
  }

  /**
   * The answer: HTTP status, body text and response headers.
   *
   * @param headers headers to set (remote write 2.0's written counts), empty for none
   */
  public record Response(int status, String body, Map<String, String> headers) {

    /** Copies. */
    public Response {
      headers = Map.copyOf(headers);
    }

    /** An answer without headers. */
    public Response(int status, String body) {
      this(status, body, Map.of());
    }
  }

  private final Settings settings;
  private final ReceiveRouter router;
  private final ReceiveMetrics metrics;

  /** A handler writing through {@code router}. */
  public ReceiveHandler(Settings settings, ReceiveRouter router, ReceiveMetrics metrics) {
    this.settings = settings;
    this.router = router;
    this.metrics = metrics;
  }

  /**
   * Handles one request.
   *
   * @param header a request header by (case-insensitive) name, null when absent
   * @param body the raw body
   */
  public Response handle(UnaryOperator<String> header, byte[] body) {
    String tenant = settings.defaultTenant();
    long series = 0;
    long samples = 0;
    int status = 200;
    try {
      tenant = Tenants.resolve(header.apply(settings.tenantHeader()), settings.defaultTenant());
      long replica = replica(header.apply(settings.replicaHeader()));
      RemoteWriteBody.Protocol protocol = RemoteWriteBody.protocol(header.apply("Content-Type"),
          header.apply("Content-Encoding"), header.apply(RemoteWriteBody.VERSION_HEADER));
      RequestLimits limits = settings.limits().of(tenant);
      limits.checkBodySize(body.length);
      List<TimeSeries> ts = protocol == RemoteWriteBody.Protocol.V2
          ? RemoteWriteV2Body.decode(body, limits.maxDecodedBytes())
          : RemoteWriteBody.decode(body, limits.maxDecodedBytes());
      series = ts.size();
      for (TimeSeries t : ts) {
        samples += t.getSamplesCount();
      }
      limits.checkCounts(series, samples);
      ts = relabel(ts);
      if (!ts.isEmpty()) {
        router.write(tenant, replica, ts);
      }
      if (protocol == RemoteWriteBody.Protocol.V2) {
        long written = 0;
        for (TimeSeries t : ts) {
          written += t.getSamplesCount();
        }
        return new Response(200, "", Map.of(RemoteWriteV2Body.SAMPLES_WRITTEN, Long.toString(written),
            RemoteWriteV2Body.HISTOGRAMS_WRITTEN, "0", RemoteWriteV2Body.EXEMPLARS_WRITTEN, "0"));
      }
      return new Response(200, "");
    } catch (WriteException e) {
      status = e.writeCause().httpStatus();
      if (e.writeCause() == WriteErrorCause.LIMITED) {
        metrics.headSeriesLimited(tenant);
      }
      LOG.atDebug().addKeyValue("tenant", tenant).addKeyValue("status", status).addKeyValue("err", e.getMessage())
          .log("write request refused");
      return new Response(status, e.getMessage());
    } catch (RuntimeException e) {
      status = 500;
      LOG.atError().setCause(e).addKeyValue("tenant", tenant).log("internal server error");
      return new Response(status, "internal server error: " + e);
    } finally {
      metrics.written(tenant, status, series, samples);
    }
  }

  private static long replica(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new WriteException(WriteErrorCause.VALIDATION, "could not parse replica header \"" + value + "\"");
    }
  }

  private List<TimeSeries> relabel(List<TimeSeries> in) {
    if (settings.relabel().isEmpty()) {
      return in;
    }
    List<TimeSeries> out = new ArrayList<>(in.size());
    for (TimeSeries t : in) {
      Labels.Builder b = Labels.builder();
      t.getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
      Labels relabelled = Relabeler.process(b.build(), settings.relabel());
      if (relabelled == null) {
        continue;
      }
      TimeSeries.Builder tb = t.toBuilder().clearLabels();
      relabelled.forEach(l -> tb.addLabels(Label.newBuilder().setName(l.name()).setValue(l.value())));
      out.add(tb.build());
    }
    return out;
  }
}
