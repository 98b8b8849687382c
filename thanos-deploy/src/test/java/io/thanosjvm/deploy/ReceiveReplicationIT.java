package io.thanosjvm.deploy;

import static io.thanosjvm.deploy.DistProcesses.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.wire.prompb.Label;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import io.thanosjvm.wire.prompb.WriteRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xerial.snappy.Snappy;

/**
 * Issue #16, acceptance point 2, with real processes from the assembled distribution: three {@code thanos receive}
 * JVMs (ketama hashring file listing all three, replication factor 3, {@code receive_replica="rN"}) and a {@code
 * thanos query} over their gRPC addresses deduplicating on {@code receive_replica}. A remote-write client (protobuf
 * + snappy, as Prometheus sends) keeps writing into r0 while r1 is SIGKILLed ({@code Process.destroyForcibly()}
 * on its JVM, no graceful stop): writes keep succeeding with the quorum of 2 (r0 and r2); r1 restarts on the same
 * {@code --tsdb.path}, replays its WAL (it serves everything it served before the kill) and takes writes again.
 * Every sample whose write was answered 2xx is held by at least two replicas and comes back from Query,
 * deduplicated, exactly once.
 */
class ReceiveReplicationIT {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final int SERIES = 10;
  private static final String METRIC = "rw_replication_test";
  private static final Pattern SERIES_RESULT = Pattern.compile(
      "\\{\"metric\":\\{([^}]*)\\},\"values\":\\[((?:\\[[^\\]]*\\],?)*)\\]\\}");
  private static final Pattern LABEL = Pattern.compile("\"([^\"]+)\":\"([^\"]*)\"");
  private static final Pattern POINT = Pattern.compile("\\[([0-9.]+),\"([^\"]*)\"\\]");

  @TempDir
  Path work;

  private DistProcesses processes;
  private String lastAnswer = "";
  private long killedAt;
  private long readyAt;
  private int replayed;

  @BeforeEach
  void processes() {
    // four JVMs on a small machine: small heaps, quick start
    processes = new DistProcesses(work, "-Xmx384m -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError");
  }

  @AfterEach
  void stop() throws Exception {
    processes.close();
  }

  @Test
  void writesKeepSucceedingWhileOneOfThreeReceiversIsKilledAndQueryReturnsEveryAcknowledgedSampleOnce()
      throws Exception {
    int[] grpc = {freePort(), freePort(), freePort()};
    int[] remoteWrite = {freePort(), freePort(), freePort()};
    int[] http = {freePort(), freePort(), freePort()};
    Path hashrings = Files.writeString(work.resolve("hashrings.json"), "[{\"hashring\": \"default\", "
        + "\"endpoints\": [\"127.0.0.1:" + grpc[0] + "\", \"127.0.0.1:" + grpc[1] + "\", \"127.0.0.1:" + grpc[2]
        + "\"]}]");
    for (int i = 0; i < 3; i++) {
      startReceiver(i, grpc, remoteWrite[i], http[i], hashrings);
    }
    List<String> query = new ArrayList<>(List.of("--grpc-address=127.0.0.1:" + freePort(),
        "--query.replica-label=receive_replica"));
    for (int g : grpc) {
      query.add("--endpoint=127.0.0.1:" + g);
    }
    processes.start("query", "query", query);
    for (String app : List.of("r0", "r1", "r2", "query")) {
      processes.awaitReady(app, null);
    }
    awaitStores("127.0.0.1:" + grpc[0], "127.0.0.1:" + grpc[1], "127.0.0.1:" + grpc[2]);

    Writer writer = new Writer(remoteWrite[0]);
    Thread writing = new Thread(writer, "remote-write-client");
    writing.start();
    try {
      writer.awaitAcknowledged(30, Duration.ofSeconds(60));
      // a receiver announces its tenant's label set once it holds one: Query sees them at its next Info refresh
      awaitStores("\"r0\"", "\"r1\"", "\"r2\"");
      // what r1 serves just before it is killed: after the restart it must serve all of it again (WAL replay)
      Map<String, Set<Long>> r1BeforeKill = samples("receive_replica=\"r1\"", false);
      assertThat(total(r1BeforeKill)).as("r1 holds samples before the kill: %s", lastAnswer).isPositive();

      int ackedBeforeKill = writer.acknowledged.size();
      Process r1 = processes.process("r1");
      killedAt = System.currentTimeMillis();
      r1.destroyForcibly(); // SIGKILL
      assertThat(r1.waitFor(30, TimeUnit.SECONDS)).isTrue();
      writer.awaitAcknowledged(ackedBeforeKill + 30, Duration.ofSeconds(60));
      assertThat(writer.acknowledged.size()).as("writes keep succeeding with r1 down (quorum 2 of 3)")
          .isGreaterThanOrEqualTo(ackedBeforeKill + 30);

      long restartedAt = System.currentTimeMillis();
      startReceiver(1, grpc, remoteWrite[1], http[1], hashrings);
      processes.awaitReady("r1", null);
      readyAt = System.currentTimeMillis();
      // Query finds r1 again at its next endpoint refresh; from then on r1 serves what it held before the kill
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      Map<String, Set<Long>> r1AfterRestart = samples("receive_replica=\"r1\"", false);
      while (!holdsAll(r1AfterRestart, r1BeforeKill) && System.nanoTime() < deadline) {
        Thread.sleep(500);
        r1AfterRestart = samples("receive_replica=\"r1\"", false);
      }
      replayed = total(r1BeforeKill);
      String r1Log = Files.readString(work.resolve("r1.log"));
      for (Map.Entry<String, Set<Long>> e : r1BeforeKill.entrySet()) {
        assertThat(r1AfterRestart.getOrDefault(e.getKey(), Set.of()))
            .as("r1 replayed its WAL: %s as served before the kill; log: %s", e.getKey(), r1Log)
            .containsAll(e.getValue());
      }
      // r1 takes forwarded writes again (its peers reconnect to it)
      while (maxTimestamp(samples("receive_replica=\"r1\"", false)) < restartedAt) {
        assertThat(System.nanoTime()).as("r1 receives new samples after its restart").isLessThan(deadline);
        Thread.sleep(500);
      }
      writer.awaitAcknowledged(writer.acknowledged.size() + 10, Duration.ofSeconds(60));
    } finally {
      writer.stop.set(true);
      writing.join(30_000);
    }
    assertThat(writer.unexpected).as("every write answered 2xx (quorum 2 of 3 held throughout)").isEmpty();

    Map<String, Set<Long>> acked = writer.acknowledgedBySeries();
    Map<String, Set<Long>> sent = writer.sentBySeries();
    // quorum: every acknowledged sample is held by at least two of the three replicas
    List<Map<String, Set<Long>>> replicas = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      replicas.add(samples("receive_replica=\"r" + i + "\"", false));
    }
    List<String> underReplicated = new ArrayList<>();
    acked.forEach((series, ts) -> ts.forEach(t -> {
      int copies = 0;
      for (Map<String, Set<Long>> r : replicas) {
        copies += r.getOrDefault(series, Set.of()).contains(t) ? 1 : 0;
      }
      if (copies < 2) {
        underReplicated.add(series + "@" + t + " on " + copies);
      }
    }));
    assertThat(underReplicated).as("acknowledged samples on fewer than two replicas").isEmpty();

    // deduplicated through Query: every acknowledged sample, once; nothing that was never sent
    Map<String, List<Long>> dedup = samplesInOrder();
    assertThat(dedup.keySet()).as("one deduplicated series per written series (replica label removed)")
        .isEqualTo(acked.keySet());
    for (String series : acked.keySet()) {
      List<Long> got = dedup.get(series);
      assertThat(new TreeSet<>(got)).as("%s: no sample twice", series).hasSize(got.size());
      assertThat(got).as("%s: every acknowledged sample", series).containsAll(acked.get(series));
      assertThat(sent.get(series)).as("%s: only samples that were sent", series).containsAll(got);
    }
    assertThat(total(acked)).as("acknowledged samples").isGreaterThan(SERIES * 70);
    long whileDown = writer.acknowledged.stream().filter(t -> t >= killedAt && t <= readyAt).count();
    System.out.printf("ReceiveReplicationIT: %d requests acknowledged (%d samples), %d of them while r1 was down "
        + "(%.1f s from SIGKILL to ready again, %d samples replayed and served by r1)%n", writer.acknowledged.size(),
        total(acked), whileDown, (readyAt - killedAt) / 1000.0, replayed);
  }

  /** Writes one sample per series per request into one receiver, sequentially, recording what was acknowledged. */
  private static final class Writer implements Runnable {
    private final URI uri;
    final AtomicBoolean stop = new AtomicBoolean();
    /** Timestamps of requests answered 2xx (every series got a sample at that timestamp). */
    final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    final Set<Long> sent = ConcurrentHashMap.newKeySet();
    final List<String> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();

    Writer(int port) {
      this.uri = URI.create("http://127.0.0.1:" + port + "/api/v1/receive");
    }

    @Override
    public void run() {
      long last = 0;
      while (!stop.get()) {
        long ts = Math.max(System.currentTimeMillis(), last + 1);
        last = ts;
        WriteRequest.Builder req = WriteRequest.newBuilder();
        for (int s = 0; s < SERIES; s++) {
          req.addTimeseries(TimeSeries.newBuilder()
              .addLabels(Label.newBuilder().setName("__name__").setValue(METRIC))
              .addLabels(Label.newBuilder().setName("series").setValue("s" + s))
              .addSamples(Sample.newBuilder().setTimestamp(ts).setValue(s)));
        }
        sent.add(ts);
        try {
          HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
              .header("Content-Encoding", "snappy").header("Content-Type", "application/x-protobuf")
              .header("X-Prometheus-Remote-Write-Version", "0.1.0")
              .POST(HttpRequest.BodyPublishers.ofByteArray(Snappy.compress(req.build().toByteArray()))).build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() / 100 == 2) {
            acknowledged.add(ts);
          } else {
            unexpected.add(r.statusCode() + " " + r.body());
          }
          Thread.sleep(50);
        } catch (IOException e) {
          unexpected.add(e.toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    void awaitAcknowledged(int n, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (acknowledged.size() < n && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }

    Map<String, Set<Long>> acknowledgedBySeries() {
      return bySeries(acknowledged);
    }

    Map<String, Set<Long>> sentBySeries() {
      return bySeries(sent);
    }

    private static Map<String, Set<Long>> bySeries(Set<Long> ts) {
      Map<String, Set<Long>> out = new TreeMap<>();
      for (int s = 0; s < SERIES; s++) {
        out.put("s" + s, new TreeSet<>(ts));
      }
      return out;
    }
  }

  private void startReceiver(int i, int[] grpc, int remoteWrite, int http, Path hashrings) throws IOException {
    String name = "r" + i;
    processes.start(name, "receive", http, List.of("--grpc-address=127.0.0.1:" + grpc[i],
        "--remote-write.address=127.0.0.1:" + remoteWrite, "--tsdb.path=" + work.resolve(name),
        "--label=receive_replica=\"" + name + "\"",
        "--receive.hashrings-file=" + hashrings, "--receive.hashrings-algorithm=ketama",
        "--receive.replication-factor=3", "--receive.local-endpoint=127.0.0.1:" + grpc[i],
        "--receive-forward-timeout=5s"));
  }

  /** Every series' sample timestamps matching {@code selector} (extra matchers), through Query over 15 minutes. */
  private Map<String, Set<Long>> samples(String selector, boolean dedup) throws Exception {
    Map<String, Set<Long>> out = new TreeMap<>();
    query(selector, dedup).forEach((series, ts) -> out.put(series, new TreeSet<>(ts)));
    return out;
  }

  private Map<String, List<Long>> samplesInOrder() throws Exception {
    return query("", true);
  }

  private Map<String, List<Long>> query(String selector, boolean dedup) throws Exception {
    String expr = METRIC + "{" + selector + "}[15m]";
    long time = System.currentTimeMillis() / 1000 + 1;
    HttpResponse<String> r = processes.get("query", "/api/v1/query?query="
        + URLEncoder.encode(expr, StandardCharsets.UTF_8) + "&time=" + time + "&dedup=" + dedup, null);
    assertThat(r.statusCode()).as("%s: %s", expr, r.body()).isEqualTo(200);
    lastAnswer = r.body();
    Map<String, List<Long>> out = new TreeMap<>();
    Matcher m = SERIES_RESULT.matcher(r.body());
    while (m.find()) {
      Map<String, String> labels = new TreeMap<>();
      Matcher l = LABEL.matcher(m.group(1));
      while (l.find()) {
        labels.put(l.group(1), l.group(2));
      }
      if (dedup) {
        assertThat(labels).as("replica label removed by deduplication").doesNotContainKey("receive_replica");
      }
      assertThat(labels).containsEntry("tenant_id", "default-tenant");
      List<Long> ts = new ArrayList<>();
      Matcher p = POINT.matcher(m.group(2));
      while (p.find()) {
        ts.add(new BigDecimal(p.group(1)).movePointRight(3).longValueExact());
      }
      String key = labels.get("series");
      assertThat(out.put(key, ts)).as("one series per %s in %s", key, r.body()).isNull();
    }
    return out;
  }

  private static boolean holdsAll(Map<String, Set<Long>> have, Map<String, Set<Long>> want) {
    return want.entrySet().stream().allMatch(e -> have.getOrDefault(e.getKey(), Set.of()).containsAll(e.getValue()));
  }

  private static long maxTimestamp(Map<String, Set<Long>> samples) {
    return samples.values().stream().flatMap(Set::stream).mapToLong(Long::longValue).max().orElse(0);
  }

  private static int total(Map<String, ? extends Set<Long>> samples) {
    return samples.values().stream().mapToInt(Set::size).sum();
  }

  /** Waits until Query's {@code /api/v1/stores} answer contains every one of {@code present}. */
  private void awaitStores(String... present) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String body = "";
    while (System.nanoTime() < deadline) {
      body = processes.get("query", "/api/v1/stores", null).body();
      if (List.of(present).stream().allMatch(body::contains)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Query's stores never showed " + List.of(present) + ": " + body);
  }
}
