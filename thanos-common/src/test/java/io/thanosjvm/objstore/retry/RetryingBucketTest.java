package io.thanosjvm.objstore.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.BucketOperation;
import io.thanosjvm.objstore.IterConsumer;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectAttributes;
import io.thanosjvm.objstore.ObjectNotFoundException;
import io.thanosjvm.objstore.ObjectStoreException;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retry semantics, over a real filesystem bucket behind a hand-written fault-scripting wrapper: which
 * failures are retried, that replays send identical bytes, and that broken reads resume.
 */
class RetryingBucketTest {

  @TempDir Path dir;
  private ScriptedFaults faults;
  private List<BucketOperation> retried;
  private Bucket bucket;

  @BeforeEach
  void setUp() throws IOException {
    faults = new ScriptedFaults(new FilesystemBucket(dir.resolve("bucket")));
    retried = new ArrayList<>();
    RetryPolicy policy = RetryPolicy.ofAttempts(4).withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));
    bucket = new RetryingBucket(faults, policy, (op, cause) -> retried.add(op), dir.resolve("spool"));
  }

  private static ObjectStoreException transientFailure() {
    return new ObjectStoreException("HTTP 503 SlowDown", true);
  }

  @Test
  void transientFailuresAreRetriedUntilSuccess() throws IOException {
    bucket.upload("obj", new ByteArrayInputStream("data".getBytes()), 4);
    faults.failNext(transientFailure(), transientFailure());
    assertThat(bucket.exists("obj")).isTrue();
    assertThat(retried).containsExactly(BucketOperation.EXISTS, BucketOperation.EXISTS);
  }

  @Test
  void permanentFailuresAndMissingObjectsAreNotRetried() throws IOException {
    faults.failNext(new ObjectStoreException("HTTP 403 AccessDenied", false));
    assertThatThrownBy(() -> bucket.attributes("x")).hasMessageContaining("403");
    assertThatThrownBy(() -> bucket.get("missing")).isInstanceOf(ObjectNotFoundException.class);
    assertThat(retried).isEmpty();
  }

  @Test
  void retriesStopAfterTheConfiguredAttempts() {
    faults.failNext(transientFailure(), transientFailure(), transientFailure(), transientFailure(),
        transientFailure());
    assertThatThrownBy(() -> bucket.exists("obj")).hasMessageContaining("503");
    assertThat(retried).hasSize(3);
  }

  @Test
  void retriedUploadOfAOneShotStreamSendsIdenticalBytes() throws IOException {
    byte[] content = new byte[3 << 20];
    new Random(1).nextBytes(content);
    faults.failNext(transientFailure(), transientFailure());
    InputStream oneShot = new FilterInputStream(new ByteArrayInputStream(content)) {
      @Override
      public boolean markSupported() {
        return false;
      }
    };
    bucket.upload("obj", oneShot, -1);
    assertThat(Files.readAllBytes(dir.resolve("bucket/obj"))).isEqualTo(content);
    assertThat(retried).containsExactly(BucketOperation.UPLOAD, BucketOperation.UPLOAD);
    try (var spooled = Files.list(dir.resolve("spool"))) {
      assertThat(spooled).as("spool files are removed").isEmpty();
    }
  }

  @Test
  void readBrokenMidBodyResumesFromTheLastByte() throws IOException {
    byte[] content = new byte[100_000];
    new Random(2).nextBytes(content);
    bucket.upload("obj", new ByteArrayInputStream(content), content.length);
    faults.breakReadsAfter(30_000);
    try (InputStream in = bucket.get("obj")) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    faults.breakReadsAfter(500);
    try (InputStream in = bucket.getRange("obj", 1000, 2000)) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, 3000));
    }
    assertThat(retried).contains(BucketOperation.GET, BucketOperation.GET_RANGE);
  }

  @Test
  void iterationIsNotRetriedOnceEntriesWereDelivered() throws IOException {
    bucket.upload("a", new ByteArrayInputStream(new byte[1]), 1);
    bucket.upload("b", new ByteArrayInputStream(new byte[1]), 1);
    faults.failIterAfterFirstEntry = true;
    List<String> seen = new ArrayList<>();
    assertThatThrownBy(() -> bucket.iter("", seen::add, IterOptions.flat())).hasMessageContaining("503");
    assertThat(seen).containsExactly("a");
    assertThat(retried).isEmpty();
  }

  /** Passes calls to a real bucket, throwing scripted failures first. */
  private static final class ScriptedFaults implements Bucket {
    private final Bucket delegate;
    private final Deque<IOException> failures = new ArrayDeque<>();
    private long breakAfter = -1;
    boolean failIterAfterFirstEntry;

    ScriptedFaults(Bucket delegate) {
      this.delegate = delegate;
    }

    void failNext(IOException... next) {
      failures.addAll(List.of(next));
    }

    void breakReadsAfter(long bytes) {
      breakAfter = bytes;
    }

    private void maybeFail() throws IOException {
      IOException next = failures.poll();
      if (next != null) {
        throw next;
      }
    }

    private InputStream maybeBreak(InputStream in) {
      long limit = breakAfter;
      breakAfter = -1;
      if (limit < 0) {
        return in;
      }
      return new FilterInputStream(in) {
        private long read;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (read >= limit) {
            throw new java.net.SocketException("Connection reset");
          }
          int n = super.read(b, off, (int) Math.min(len, limit - read));
          read += Math.max(n, 0);
          return n;
        }
      };
    }

    @Override
    public String name() {
      return delegate.name();
    }

    @Override
    public InputStream get(String name) throws IOException {
      maybeFail();
      return maybeBreak(delegate.get(name));
    }

    @Override
    public InputStream getRange(String name, long offset, long length) throws IOException {
      maybeFail();
      return maybeBreak(delegate.getRange(name, offset, length));
    }

    @Override
    public void upload(String name, InputStream data, long length) throws IOException {
      maybeFail();
      delegate.upload(name, data, length);
    }

    @Override
    public void delete(String name) throws IOException {
      maybeFail();
      delegate.delete(name);
    }

    @Override
    public void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException {
      maybeFail();
      if (failIterAfterFirstEntry) {
        List<String> all = new ArrayList<>();
        delegate.iter(dir, all::add, options);
        consumer.accept(all.get(0));
        throw transientFailure();
      }
      delegate.iter(dir, consumer, options);
    }

    @Override
    public boolean exists(String name) throws IOException {
      maybeFail();
      return delegate.exists(name);
    }

    @Override
    public ObjectAttributes attributes(String name) throws IOException {
      maybeFail();
      return delegate.attributes(name);
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }
}
