package io.thanosjvm.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.api.JsonBody;
import io.thanosjvm.api.ResultJson;
import io.thanosjvm.cli.ThanosCommandLine;
import io.thanosjvm.promql.engine.MatrixValue;
import io.thanosjvm.testing.FixedStore;
import io.thanosjvm.testing.OneStringJson;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Large API answers are streamed: buffers of about 64 KiB are encoded on the bounded scheduler only as the client
 * asks for them, and the bytes on the wire equal the answer the API built as one String before.
 */
class StreamedJsonTest {

  private static final int SERIES = 100;
  private static final int POINTS = 11_000;

  /** A body counting its pieces and the threads that wrote them. */
  private static JsonBody counted(JsonBody body, AtomicInteger pieces, Set<String> threads) {
    return () -> {
      JsonBody.Writer w = body.open();
      return sb -> {
        threads.add(Thread.currentThread().getName());
        boolean more = w.writeNext(sb);
        if (more) {
          pieces.incrementAndGet();
        }
        return more;
      };
    };
  }

  @Test
  void theFirstBufferIsEmittedBeforeTheAnswerIsWrittenAndEncodingStaysOnTheScheduler() throws Exception {
    MatrixValue m = SyntheticWaves.expected(SERIES, POINTS);
    AtomicInteger pieces = new AtomicInteger();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Scheduler encoders = Schedulers.newBoundedElastic(2, 100, "json-encoder");
    try {
      CountDownLatch first = new CountDownLatch(1);
      CountDownLatch done = new CountDownLatch(1);
      int[] piecesAtFirst = {-1};
      int[] sizes = new int[2];
      long[] count = {0};
      BaseSubscriber<DataBuffer> slowClient = new BaseSubscriber<>() {
        @Override
        protected void hookOnSubscribe(Subscription s) {
          s.request(1);
        }

        @Override
        protected void hookOnNext(DataBuffer b) {
          if (count[0]++ == 0) {
            piecesAtFirst[0] = pieces.get();
            first.countDown();
          }
          sizes[0] = Math.max(sizes[0], b.readableByteCount());
          DataBufferUtils.release(b);
        }

        @Override
        protected void hookOnComplete() {
          done.countDown();
        }
      };
      StreamedJson.buffers(counted(ResultJson.body(m), pieces, threads), DefaultDataBufferFactory.sharedInstance,
          encoders).subscribe(slowClient);
      assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(200);
      // nothing more is encoded until the client asks: one buffer's worth of the 1.1 million pieces
      assertThat(pieces.get()).isEqualTo(piecesAtFirst[0]).isBetween(100, 20_000);
      slowClient.request(Long.MAX_VALUE);
      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(pieces.get()).isGreaterThan(SERIES * POINTS);
      assertThat(count[0]).isGreaterThan(200);
      assertThat(sizes[0]).isLessThan(64 * 1024 + 1024);
      assertThat(threads).allMatch(t -> t.startsWith("json-encoder"), "all pieces written on the scheduler");
    } finally {
      encoders.dispose();
    }
  }

  @Test
  void aHundredByElevenThousandRangeAnswerIsChunkedAndEqualsTheOneStringBytes() throws Exception {
    try (FixedStore store = SyntheticWaves.store(SERIES, POINTS)) {
      int[] exit = {0};
      ConfigurableApplicationContext query = ThanosQueryApplication.run(ThanosCommandLine.prepare("query",
          new String[] {"--http-address=127.0.0.1:0", "--grpc-address=127.0.0.1:0", "--endpoint=" + store.address()},
          System.out, System.err, exit));
      try {
        int port = Integer.parseInt(query.getEnvironment().getProperty("local.server.port"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!TestHttp.get(port, "/api/v1/query?query=count(wave)&time=60").body().contains("\"100\"")
            && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        String path = "/api/v1/query_range?query=wave&start=0&end=" + (POINTS - 1) * 15 + "&step=15";
        HttpResponse<InputStream> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = r.body()) {
          body = in.readAllBytes();
        }
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(r.headers().firstValue("Content-Length")).isEmpty();
        byte[] expected = OneStringJson.success(OneStringJson.result(SyntheticWaves.expected(SERIES, POINTS)),
            List.of()).getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isEqualTo(expected.length).isGreaterThan(10_000_000);
        assertThat(body).isEqualTo(expected);

        // small answers and errors keep a Content-Length, as Go's server sends for small bodies
        HttpResponse<String> small = TestHttp.get(port, "/api/v1/query?query=count(wave)&time=60");
        assertThat(small.headers().firstValue("Content-Length")).hasValue(
            String.valueOf(small.body().getBytes(StandardCharsets.UTF_8).length));
        HttpResponse<String> error = TestHttp.get(port, "/api/v1/query?query=sum(");
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.body()).startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\"");
        assertThat(error.headers().firstValue("Content-Length")).isPresent();
      } finally {
        query.close();
      }
    }
  }
}
