package io.thanosjvm.objstore.s3;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterConsumer;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectAttributes;
import io.thanosjvm.objstore.ObjectNames;
import io.thanosjvm.objstore.ObjectNotFoundException;
import io.thanosjvm.objstore.config.S3Config;
import io.thanosjvm.objstore.io.RangeInputStream;
import io.thanosjvm.objstore.io.ReplayableStream;
import io.thanosjvm.objstore.io.ReplayableUpload;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A bucket in S3 or an S3-compatible store. Objects up to the part size (or all, with {@code
 * disable_multipart}) go up in one PUT; larger ones as a multipart upload whose completion makes the object
 * visible atomically, aborted on failure. Uploads of unknown length are first spooled to a temporary file.
 * When the source is a {@link ReplayableStream} (as {@link io.thanosjvm.objstore.retry.RetryingBucket}
 * passes), a part that fails transiently is re-sent on its own instead of restarting the whole upload.
 */
public final class S3Bucket implements Bucket {

  private static final String OCTET_STREAM = "application/octet-stream";
  /** Attempts per multipart part when {@code max_retries} is 0. */
  private static final int DEFAULT_PART_ATTEMPTS = 10;

  private final S3Client client;
  private final S3Config config;
  private final S3WriteOptions writeOptions;
  private final S3Lister lister;
  private final Path spoolDir;
  private final Retry partRetry;
  private final S3Timeouts timeouts;

  /** Creates a bucket and its SDK client from {@code config}; temporary files go to {@code spoolDir}. */
  public S3Bucket(S3Config config, Path spoolDir) {
    this(S3ClientFactory.create(config), config, spoolDir);
  }

  S3Bucket(S3Client client, S3Config config, Path spoolDir) {
    this.client = client;
    this.config = config;
    this.writeOptions = new S3WriteOptions(config);
    this.timeouts = new S3Timeouts(config.httpConfig());
    this.lister = new S3Lister(client, config.bucket(), "v1".equals(config.listObjectsVersion()),
        timeouts.override(0));
    this.spoolDir = spoolDir;
    this.partRetry = Retry.of("s3-part-" + config.bucket(), RetryConfig.custom()
        .maxAttempts(config.maxRetries() > 0 ? config.maxRetries() + 1 : DEFAULT_PART_ATTEMPTS)
        .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2.0, Duration.ofSeconds(5)))
        .retryOnException(e -> e instanceof SdkException sdk && S3Errors.isRetryable(sdk))
        .build());
  }

  @Override
  public String name() {
    return config.bucket();
  }

  @Override
  public InputStream get(String name) throws IOException {
    return open(name, null);
  }

  @Override
  public InputStream getRange(String name, long offset, long length) throws IOException {
    ObjectNames.requireRange(offset, length);
    if (length == 0) {
      attributes(name);
      return new ByteArrayInputStream(new byte[0]);
    }
    String range = "bytes=" + offset + "-" + (length < 0 ? "" : String.valueOf(offset + length - 1));
    try {
      return open(name, range);
    } catch (ObjectNotFoundException e) {
      throw e;
    } catch (IOException e) {
      if (e.getCause() instanceof SdkException sdk && S3Errors.isInvalidRange(sdk)) {
        return new ByteArrayInputStream(new byte[0]);
      }
      throw e;
    }
  }

  private InputStream open(String name, String range) throws IOException {
    ObjectNames.requireObjectName(name);
    try {
      return client.getObject(writeOptions.apply(
          GetObjectRequest.builder().bucket(config.bucket()).key(name).range(range)).build());
    } catch (SdkException e) {
      throw S3Errors.translate(name(), "get", name, e);
    }
  }

  @Override
  public void upload(String name, InputStream data, long length) throws IOException {
    ObjectNames.requireObjectName(name);
    if (length < 0) {
      try (ReplayableUpload spooled = ReplayableUpload.capture(data, -1, spoolDir);
          InputStream in = spooled.open()) {
        upload(name, in, spooled.length());
      }
      return;
    }
    long partSize = config.effectivePartSize();
    try {
      if (config.disableMultipart() || length <= partSize) {
        client.putObject(writeOptions.apply(
                software.amazon.awssdk.services.s3.model.PutObjectRequest.builder()
                    .bucket(config.bucket()).key(name).contentLength(length), timeouts.attempt(length)).build(),
            body(data, length));
      } else {
        uploadMultipart(name, data, length, partSize);
      }
    } catch (SdkException e) {
      throw S3Errors.translate(name(), "upload", name, e);
    }
  }

  private void uploadMultipart(String name, InputStream data, long length, long partSize) throws IOException {
    String uploadId = client.createMultipartUpload(writeOptions.apply(
        software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.builder()
            .bucket(config.bucket()).key(name).contentType(OCTET_STREAM), timeouts.attempt(0)).build()).uploadId();
    boolean completed = false;
    try {
      List<CompletedPart> parts = new ArrayList<>();
      long sent = 0;
      for (int partNumber = 1; sent < length; partNumber++) {
        long size = Math.min(partSize, length - sent);
        var request = writeOptions.apply(software.amazon.awssdk.services.s3.model.UploadPartRequest.builder()
            .bucket(config.bucket()).key(name).uploadId(uploadId).partNumber(partNumber)
            .contentLength(size).overrideConfiguration(timeouts.override(size))).build();
        String etag;
        if (data instanceof ReplayableStream replayable) {
          long offset = sent;
          etag = partRetry.executeSupplier(() -> client.uploadPart(request,
              replayableBody(replayable, offset, size)).eTag());
        } else {
          etag = client.uploadPart(request, body(new RangeInputStream(new NonClosing(data), size), size)).eTag();
        }
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        sent += size;
      }
      client.completeMultipartUpload(b -> b.bucket(config.bucket()).key(name).uploadId(uploadId)
          .overrideConfiguration(timeouts.override(0))
          .multipartUpload(m -> m.parts(parts)));
      completed = true;
    } finally {
      if (!completed) {
        abortQuietly(name, uploadId);
      }
    }
  }

  private void abortQuietly(String name, String uploadId) {
    try {
      client.abortMultipartUpload(b -> b.bucket(config.bucket()).key(name).uploadId(uploadId)
          .overrideConfiguration(timeouts.override(0)));
    } catch (SdkException ignored) {
      // Best effort: a lifecycle rule or a later abort cleans up; the object itself never became visible.
    }
  }

  /** A part body that re-reads its bytes from the replayable source on every attempt. */
  private static RequestBody replayableBody(ReplayableStream source, long offset, long size) {
    return RequestBody.fromContentProvider(() -> {
      try {
        return new RangeInputStream(source.openAt(offset), size);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, size, OCTET_STREAM);
  }

  /** A body read once, straight from the caller's stream: nothing is buffered. */
  private static RequestBody body(InputStream data, long length) {
    boolean[] opened = {false};
    return RequestBody.fromContentProvider(() -> {
      if (opened[0]) {
        throw new IllegalStateException("upload stream cannot be replayed");
      }
      opened[0] = true;
      return new NonClosing(data);
    }, length, OCTET_STREAM);
  }

  @Override
  public void delete(String name) throws IOException {
    ObjectNames.requireObjectName(name);
    try {
      client.deleteObject(b -> b.bucket(config.bucket()).key(name).overrideConfiguration(timeouts.override(0)));
    } catch (SdkException e) {
      throw S3Errors.translate(name(), "delete", name, e);
    }
  }

  @Override
  public void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException {
    String prefix = ObjectNames.dirPrefix(dir);
    try {
      lister.list(prefix, options.recursive(), consumer);
    } catch (SdkException e) {
      throw S3Errors.translate(name(), "iter", prefix, e);
    }
  }

  @Override
  public boolean exists(String name) throws IOException {
    try {
      head(name);
      return true;
    } catch (ObjectNotFoundException e) {
      return false;
    }
  }

  @Override
  public ObjectAttributes attributes(String name) throws IOException {
    HeadObjectResponse head = head(name);
    return new ObjectAttributes(head.contentLength(), head.lastModified());
  }

  private HeadObjectResponse head(String name) throws IOException {
    ObjectNames.requireObjectName(name);
    try {
      return client.headObject(writeOptions.apply(
          HeadObjectRequest.builder().bucket(config.bucket()).key(name)
              .overrideConfiguration(timeouts.override(0))).build());
    } catch (SdkException e) {
      throw S3Errors.translate(name(), "attributes", name, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /** Keeps the SDK from closing the caller's stream between parts. */
  private static final class NonClosing extends FilterInputStream {
    NonClosing(InputStream in) {
      super(in);
    }

    @Override
    public void close() {
      // The caller owns the stream.
    }
  }
}
