package io.thanosjvm.rules;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.model.Label;
import io.thanosjvm.model.Labels;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import io.thanosjvm.wire.prompb.WriteRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xerial.snappy.Snappy;

/**
 * The stateless ruler's sink: each evaluation's samples (recordings, {@code ALERTS}, {@code ALERTS_FOR_STATE}) with
 * the ruler's external labels added (a sample's own label of the same name wins, as Prometheus' external labels
 * do), sent at once as one Prometheus remote write 1.0 request (protobuf, snappy) to every target. Not Prometheus'
 * queue manager: no WAL, no resharding, no retries — a failed send is logged and counted in
 * {@code prometheus_remote_storage_samples_failed_total} and those samples are lost.
 */
public final class RemoteWriteSampleSink implements SampleSink {

  private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteSampleSink.class);

  private final List<RemoteWriteTarget> targets;
  private final List<HttpClient> clients;
  private final Labels externalLabels;
  private final Counter sent;
  private final Counter failed;

  /** A sink writing to {@code targets}, labelling with {@code externalLabels}. */
  public RemoteWriteSampleSink(List<RemoteWriteTarget> targets, Labels externalLabels, HttpClient http,
      MeterRegistry registry) {
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no remote write target");
    }
    this.targets = List.copyOf(targets);
    this.clients = this.targets.stream().map(t -> t.http().client(http)).toList();
    this.externalLabels = Objects.requireNonNull(externalLabels, "externalLabels");
    this.sent = Counter.builder("prometheus_remote_storage_samples_total")
        .description("Total number of samples sent to remote storage.").register(registry);
    this.failed = Counter.builder("prometheus_remote_storage_samples_failed_total")
        .description("Total number of samples which failed on send to remote storage.").register(registry);
  }

  @Override
  public int append(long t, List<SeriesValue> samples) {
    if (samples.isEmpty()) {
      return 0;
    }
    WriteRequest.Builder req = WriteRequest.newBuilder();
    for (SeriesValue s : samples) {
      Labels.Builder b = s.labels().toBuilder();
      for (Label l : externalLabels) {
        if (!s.labels().has(l.name())) {
          b.set(l.name(), l.value());
        }
      }
      TimeSeries.Builder ts = TimeSeries.newBuilder();
      for (Label l : b.build()) {
        ts.addLabels(io.thanosjvm.wire.prompb.Label.newBuilder().setName(l.name()).setValue(l.value()));
      }
      req.addTimeseries(ts.addSamples(Sample.newBuilder().setTimestamp(t).setValue(s.value())));
    }
    byte[] body;
    try {
      body = Snappy.compress(req.build().toByteArray());
    } catch (IOException e) {
      throw new IllegalStateException("snappy: " + e.getMessage(), e);
    }
    int written = 0;
    for (int i = 0; i < targets.size(); i++) {
      RemoteWriteTarget target = targets.get(i);
      try {
        HttpRequest.Builder r = HttpRequest.newBuilder(target.url()).timeout(target.timeout())
            .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
            .header("User-Agent", "thanos-rule").header("X-Prometheus-Remote-Write-Version", "0.1.0")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        target.headers().forEach(r::header);
        target.http().authorization().ifPresent(a -> r.header("Authorization", a));
        HttpResponse<String> resp = clients.get(i).send(r.build(), HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() / 100 != 2) {
          throw new IOException("server returned HTTP status " + resp.statusCode() + ": " + resp.body().strip());
        }
        sent.increment(samples.size());
        written = samples.size();
      } catch (IOException | RuntimeException e) {
        failed.increment(samples.size());
        LOG.error("remote write to {} failed, {} samples lost: {}", target.url(), samples.size(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return written;
      }
    }
    return written;
  }
}
