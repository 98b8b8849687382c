package io.thanosjvm.objstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Bucket} provider must share (Thanos' objstore acceptance test, restated).
 * Subclasses supply a fresh, empty bucket per test, backed by a real server where one runs here.
 */
public abstract class BucketCompatibilityKit {

  /** Size of the "large" objects: more than two parts at the reduced part size the subclasses set. */
  protected static final int MULTIPART_SIZE = 11 * 1024 * 1024 + 123;

  private Bucket bucket;
  private Instant testStart;

  /** Returns a new, empty bucket; uploads larger than 5 MiB should be split into parts. */
  protected abstract Bucket newEmptyBucket() throws Exception;

  @BeforeEach
  void openBucket() throws Exception {
    testStart = Instant.now();
    bucket = newEmptyBucket();
  }

  @AfterEach
  void closeBucket() throws IOException {
    if (bucket != null) {
      bucket.close();
    }
  }

  /** Returns the bucket of the running test. */
  protected Bucket bucket() {
    return bucket;
  }

  // --- helpers -------------------------------------------------------------------------------------

  /** Uploads {@code content} under {@code name} with its length known. */
  protected static void put(Bucket b, String name, byte[] content) throws IOException {
    b.upload(name, new ByteArrayInputStream(content), content.length);
  }

  /** Uploads a UTF-8 string. */
  protected static void put(Bucket b, String name, String content) throws IOException {
    put(b, name, content.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads and closes {@code in}. */
  protected static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  /** Reads the object as UTF-8. */
  protected static String getString(Bucket b, String name) throws IOException {
    return new String(readAll(b.get(name)), StandardCharsets.UTF_8);
  }

  /** Lists {@code dir}. */
  protected static List<String> list(Bucket b, String dir, IterOptions options) throws IOException {
    List<String> names = new ArrayList<>();
    b.iter(dir, names::add, options);
    return names;
  }

  /** Deterministic pseudo-random bytes. */
  protected static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  /** Hex SHA-256 of {@code bytes}. */
  protected static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A stream that hides its length and cannot be re-read, like a network source. */
  protected static InputStream oneShotStream(byte[] content) {
    return new InputStream() {
      private final ByteArrayInputStream in = new ByteArrayInputStream(content);

      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) {
        return in.read(b, off, Math.min(len, 8191));
      }
    };
  }

  private void putLayout(Bucket b) throws IOException {
    put(b, "id1/obj_1.some", "@test-data@");
    put(b, "id1/obj_2.some", "@test-data2@");
    put(b, "id1/sub/obj_3.some", "@test-data3@");
    put(b, "id2/obj_4.some", "@test-data4@");
    put(b, "obj_5.some", "@test-data5@");
    put(b, "a.b", "dot");
    put(b, "a/x", "slash");
  }

  // --- get / get_range -----------------------------------------------------------------------------

  @Test
  void uploadedObjectReadsBackIdentically() throws IOException {
    put(bucket, "id1/obj_1.some", "@test-data@");
    assertThat(getString(bucket, "id1/obj_1.some")).isEqualTo("@test-data@");
  }

  @Test
  void emptyObjectRoundTrips() throws IOException {
    put(bucket, "empty", new byte[0]);
    assertThat(readAll(bucket.get("empty"))).isEmpty();
    assertThat(bucket.attributes("empty").size()).isZero();
  }

  @Test
  void getRangeReturnsTheRequestedBytes() throws IOException {
    put(bucket, "id1/obj_1.some", "@test-data@");
    assertThat(readAll(bucket.getRange("id1/obj_1.some", 1, 3))).asString().isEqualTo("tes");
    assertThat(readAll(bucket.getRange("id1/obj_1.some", 0, 1))).asString().isEqualTo("@");
  }

  @Test
  void getRangeWithLengthMinusOneReadsToTheEnd() throws IOException {
    put(bucket, "id1/obj_1.some", "@test-data@");
    assertThat(readAll(bucket.getRange("id1/obj_1.some", 1, -1))).asString().isEqualTo("test-data@");
  }

  @Test
  void getRangeReachingPastTheEndIsCutAtTheEnd() throws IOException {
    put(bucket, "id1/obj_1.some", "@test-data@");
    assertThat(readAll(bucket.getRange("id1/obj_1.some", 3, 9999))).asString().isEqualTo("st-data@");
  }

  @Test
  void getRangeInsideALargeObjectMatchesTheSlice() throws IOException {
    byte[] content = randomBytes(MULTIPART_SIZE, 7);
    put(bucket, "big", content);
    int offset = 5 * 1024 * 1024 - 10;
    byte[] slice = readAll(bucket.getRange("big", offset, 4096));
    assertThat(slice).isEqualTo(java.util.Arrays.copyOfRange(content, offset, offset + 4096));
  }

  @Test
  void missingObjectIsReportedAsNotFoundByEveryReader() throws IOException {
    put(bucket, "id1/present", "x");
    assertThatThrownBy(() -> readAll(bucket.get("id1/missing")))
        .isInstanceOf(ObjectNotFoundException.class)
        .satisfies(e -> assertThat(bucket.isObjNotFound(e)).isTrue());
    assertThatThrownBy(() -> readAll(bucket.getRange("id1/missing", 1, 3)))
        .satisfies(e -> assertThat(bucket.isObjNotFound(e)).isTrue());
    assertThatThrownBy(() -> bucket.attributes("id1/missing"))
        .satisfies(e -> assertThat(bucket.isObjNotFound(e)).isTrue());
  }

  @Test
  void otherErrorsAreNotMistakenForNotFound() {
    assertThat(bucket.isObjNotFound(new IOException("connection reset"))).isFalse();
    assertThat(bucket.isObjNotFound(new ObjectStoreException("denied", false))).isFalse();
    assertThat(bucket.isObjNotFound(new IOException(new ObjectNotFoundException("b", "o", null))))
        .isTrue();
  }

  // --- upload --------------------------------------------------------------------------------------

  @Test
  void multipartSizedUploadRoundTrips() throws IOException {
    byte[] content = randomBytes(MULTIPART_SIZE, 1);
    put(bucket, "id1/chunks/000001", content);
    assertThat(sha256(readAll(bucket.get("id1/chunks/000001")))).isEqualTo(sha256(content));
    assertThat(bucket.attributes("id1/chunks/000001").size()).isEqualTo(content.length);
  }

  @Test
  void uploadOfUnknownLengthRoundTrips() throws IOException {
    byte[] small = randomBytes(1000, 2);
    byte[] large = randomBytes(MULTIPART_SIZE, 3);
    bucket.upload("small", oneShotStream(small), -1);
    bucket.upload("large", oneShotStream(large), -1);
    assertThat(readAll(bucket.get("small"))).isEqualTo(small);
    assertThat(sha256(readAll(bucket.get("large")))).isEqualTo(sha256(large));
  }

  @Test
  void uploadReplacesAnExistingObject() throws IOException {
    put(bucket, "id1/obj", "first version");
    put(bucket, "id1/obj", "second");
    assertThat(getString(bucket, "id1/obj")).isEqualTo("second");
    assertThat(bucket.attributes("id1/obj").size()).isEqualTo(6);
  }

  @Test
  protected void uploadFailingMidStreamLeavesTheOldObjectAndNoTruncatedOne() throws IOException {
    put(bucket, "id1/existing", "old content");
    byte[] content = randomBytes(MULTIPART_SIZE, 4);
    assertThatThrownBy(() -> bucket.upload("id1/existing", failingAfter(content, 6 << 20), content.length))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> bucket.upload("id1/new", failingAfter(content, 6 << 20), content.length))
        .isInstanceOf(IOException.class);
    assertThat(getString(bucket, "id1/existing")).isEqualTo("old content");
    assertThat(bucket.exists("id1/new")).isFalse();
    assertThat(list(bucket, "id1", IterOptions.flat())).containsExactly("id1/existing");
  }

  /** A stream that yields the first {@code failAt} bytes of {@code content}, then breaks. */
  protected static InputStream failingAfter(byte[] content, int failAt) {
    return new InputStream() {
      private int position;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (position >= failAt) {
          throw new IOException("source broke after " + position + " bytes");
        }
        int n = Math.min(len, failAt - position);
        System.arraycopy(content, position, b, off, n);
        position += n;
        return n;
      }
    };
  }

  @Test
  void concurrentUploadsAndReadsDoNotInterfere() throws Exception {
    int threads = 4;
    int perThread = 5;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            byte[] content = randomBytes(10_000 + thread * 1000 + i, thread * 100L + i);
            String name = "conc/t" + thread + "/obj" + i;
            put(bucket, name, content);
            assertThat(readAll(bucket.get(name))).isEqualTo(content);
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(2, java.util.concurrent.TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(list(bucket, "conc", IterOptions.allObjects())).hasSize(threads * perThread);
  }

  // --- delete / exists / attributes ----------------------------------------------------------------

  @Test
  void deletedObjectIsGone() throws IOException {
    put(bucket, "id1/obj_1.some", "@test-data@");
    put(bucket, "id1/obj_2.some", "keep");
    bucket.delete("id1/obj_1.some");
    assertThat(bucket.exists("id1/obj_1.some")).isFalse();
    assertThatThrownBy(() -> readAll(bucket.get("id1/obj_1.some")))
        .satisfies(e -> assertThat(bucket.isObjNotFound(e)).isTrue());
    assertThat(list(bucket, "id1", IterOptions.flat())).containsExactly("id1/obj_2.some");
  }

  @Test
  void deletingTheLastObjectOfADirectoryRemovesTheDirectoryEntry() throws IOException {
    put(bucket, "id1/obj", "x");
    put(bucket, "other", "y");
    bucket.delete("id1/obj");
    assertThat(list(bucket, "", IterOptions.flat())).containsExactly("other");
  }

  @Test
  void existsTellsPresentFromMissing() throws IOException {
    put(bucket, "id1/obj_1.some", "@test-data@");
    assertThat(bucket.exists("id1/obj_1.some")).isTrue();
    assertThat(bucket.exists("id1/obj_9.some")).isFalse();
    assertThat(bucket.exists("nothing/here")).isFalse();
  }

  @Test
  void attributesReportSizeAndLastModified() throws IOException {
    put(bucket, "id1/obj_1.some", "@test-data@");
    ObjectAttributes attrs = bucket.attributes("id1/obj_1.some");
    assertThat(attrs.size()).isEqualTo(11);
    // Server clocks may be coarse (seconds) or slightly skewed from ours.
    assertThat(attrs.lastModified())
        .isBetween(testStart.minus(Duration.ofMinutes(2)), Instant.now().plus(Duration.ofMinutes(2)));
  }

  // --- iter ----------------------------------------------------------------------------------------

  @Test
  void iterAtTheRootListsObjectsAndDirectoriesSortedByBytes() throws IOException {
    putLayout(bucket);
    assertThat(list(bucket, "", IterOptions.flat()))
        .containsExactly("a.b", "a/", "id1/", "id2/", "obj_5.some");
  }

  @Test
  void iterOfADirectoryWorksWithAndWithoutTrailingSlash() throws IOException {
    putLayout(bucket);
    List<String> expected = List.of("id1/obj_1.some", "id1/obj_2.some", "id1/sub/");
    assertThat(list(bucket, "id1", IterOptions.flat())).isEqualTo(expected);
    assertThat(list(bucket, "id1/", IterOptions.flat())).isEqualTo(expected);
  }

  @Test
  void recursiveIterListsEveryObjectAndNoDirectories() throws IOException {
    putLayout(bucket);
    assertThat(list(bucket, "", IterOptions.allObjects()))
        .containsExactly("a.b", "a/x", "id1/obj_1.some", "id1/obj_2.some", "id1/sub/obj_3.some",
            "id2/obj_4.some", "obj_5.some");
    assertThat(list(bucket, "id1", IterOptions.allObjects()))
        .containsExactly("id1/obj_1.some", "id1/obj_2.some", "id1/sub/obj_3.some");
  }

  @Test
  void iterOfAMissingDirectoryYieldsNothing() throws IOException {
    putLayout(bucket);
    assertThat(list(bucket, "id3", IterOptions.flat())).isEmpty();
    assertThat(list(bucket, "id3", IterOptions.allObjects())).isEmpty();
    assertThat(list(bucket, "id", IterOptions.flat())).isEmpty();
  }

  @Test
  void iterStopsWhenTheConsumerThrows() throws IOException {
    putLayout(bucket);
    List<String> seen = new ArrayList<>();
    assertThatThrownBy(
            () -> bucket.iter("", name -> {
              seen.add(name);
              throw new IOException("stop");
            }, IterOptions.flat()))
        .hasMessageContaining("stop");
    assertThat(seen).hasSize(1);
  }

  // --- prefix --------------------------------------------------------------------------------------

  @Test
  void prefixedBucketStoresUnderThePrefixAndHidesIt() throws IOException {
    Bucket prefixed = PrefixedBucket.wrap(bucket, "/tenant/a/");
    put(prefixed, "id1/obj_1.some", "@test-data@");
    put(prefixed, "obj_2", "two");
    put(bucket, "outside", "not listed");

    assertThat(bucket.exists("tenant/a/id1/obj_1.some")).isTrue();
    assertThat(getString(prefixed, "id1/obj_1.some")).isEqualTo("@test-data@");
    assertThat(readAll(prefixed.getRange("id1/obj_1.some", 1, 3))).asString().isEqualTo("tes");
    assertThat(prefixed.attributes("obj_2").size()).isEqualTo(3);
    assertThat(prefixed.exists("outside")).isFalse();
    assertThat(list(prefixed, "", IterOptions.flat())).containsExactly("id1/", "obj_2");
    assertThat(list(prefixed, "id1", IterOptions.flat())).containsExactly("id1/obj_1.some");
    assertThat(list(prefixed, "", IterOptions.allObjects())).containsExactly("id1/obj_1.some", "obj_2");
    assertThat(list(bucket, "", IterOptions.flat())).containsExactly("outside", "tenant/");

    prefixed.delete("obj_2");
    assertThat(bucket.exists("tenant/a/obj_2")).isFalse();
    assertThatThrownBy(() -> readAll(prefixed.get("obj_2")))
        .satisfies(e -> assertThat(prefixed.isObjNotFound(e)).isTrue());
  }

  @Test
  void prefixOfOnlySlashesMeansNoPrefix() {
    assertThat(PrefixedBucket.wrap(bucket, "///")).isSameAs(bucket);
    assertThat(PrefixedBucket.wrap(bucket, "")).isSameAs(bucket);
  }
}
