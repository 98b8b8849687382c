package io.thanosjvm.objstore.gcs;

import com.google.api.gax.paging.Page;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterConsumer;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectAttributes;
import io.thanosjvm.objstore.ObjectNames;
import io.thanosjvm.objstore.ObjectNotFoundException;
import io.thanosjvm.objstore.config.GcsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A bucket in Google Cloud Storage. Reads are pinned to the generation seen when opening, so a concurrent
 * overwrite cannot mix versions; uploads are resumable sessions that are only finalized once every byte
 * arrived, and abandoned (never finalized) on failure, so no truncated object becomes visible.
 */
public final class GcsBucket implements Bucket {

  private final Storage storage;
  private final String bucket;
  private final int chunkSize;

  /** Uses {@code storage} for bucket {@code bucket}; {@code chunkSize} 0 keeps the client default. */
  public GcsBucket(Storage storage, String bucket, int chunkSize) {
    this.storage = storage;
    this.bucket = bucket;
    this.chunkSize = chunkSize;
  }

  /** Connects with the credentials and transport of {@code config}; retries are left to the caller. */
  public static GcsBucket create(GcsConfig config) throws IOException {
    GoogleCredentials credentials = config.serviceAccount().isEmpty()
        ? GoogleCredentials.getApplicationDefault()
        : GoogleCredentials.fromStream(new ByteArrayInputStream(
            config.serviceAccount().getBytes(StandardCharsets.UTF_8)));
    StorageOptions.Builder builder = config.useGrpc() ? StorageOptions.grpc() : StorageOptions.http();
    builder.setCredentials(credentials)
        .setRetrySettings(StorageOptions.getDefaultRetrySettings().toBuilder().setMaxAttempts(1).build());
    if (!config.useGrpc()) {
      int timeout = (int) config.httpConfig().effectiveResponseTimeout().toMillis();
      builder.setTransportOptions(com.google.cloud.http.HttpTransportOptions.newBuilder()
          .setConnectTimeout((int) config.httpConfig().effectiveConnectTimeout().toMillis())
          .setReadTimeout(timeout).build());
    }
    return new GcsBucket(builder.build().getService(), config.bucket(), config.chunkSizeBytes());
  }

  @Override
  public String name() {
    return bucket;
  }

  private BlobId id(String name) {
    return BlobId.of(bucket, ObjectNames.requireObjectName(name));
  }

  private Blob existing(String name, String op) throws IOException {
    Blob blob;
    try {
      blob = storage.get(id(name));
    } catch (RuntimeException e) {
      throw GcsErrors.translate(bucket, op, name, e);
    }
    if (blob == null) {
      throw new ObjectNotFoundException(bucket, name, null);
    }
    return blob;
  }

  @Override
  public InputStream get(String name) throws IOException {
    return open(name, 0, -1);
  }

  @Override
  public InputStream getRange(String name, long offset, long length) throws IOException {
    ObjectNames.requireRange(offset, length);
    return open(name, offset, length);
  }

  private InputStream open(String name, long offset, long length) throws IOException {
    Blob blob = existing(name, "get");
    long size = sizeOf(blob);
    if (offset >= size || length == 0) {
      return new ByteArrayInputStream(new byte[0]);
    }
    try {
      ReadChannel reader = storage.reader(BlobId.of(bucket, name, blob.getGeneration()));
      if (chunkSize > 0) {
        reader.setChunkSize(chunkSize);
      }
      reader.seek(offset);
      if (length > 0) {
        reader.limit(Math.min(size, offset + length));
      }
      return Channels.newInputStream(reader);
    } catch (RuntimeException e) {
      throw GcsErrors.translate(bucket, "get", name, e);
    }
  }

  @Override
  public void upload(String name, InputStream data, long length) throws IOException {
    WriteChannel writer;
    try {
      writer = storage.writer(BlobInfo.newBuilder(id(name)).build());
    } catch (RuntimeException e) {
      throw GcsErrors.translate(bucket, "upload", name, e);
    }
    if (chunkSize > 0) {
      writer.setChunkSize(chunkSize);
    }
    byte[] buffer = new byte[64 * 1024];
    long written = 0;
    try {
      for (int n; (n = data.read(buffer)) >= 0; ) {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          writer.write(chunk);
        }
        written += n;
      }
      if (length >= 0 && written != length) {
        throw new io.thanosjvm.objstore.ObjectStoreException(
            "upload of " + name + " got " + written + " bytes, expected " + length, false);
      }
      // Only a complete upload is finalized; on any failure above the session is abandoned unclosed.
      writer.close();
    } catch (RuntimeException e) {
      throw GcsErrors.translate(bucket, "upload", name, e);
    }
  }

  @Override
  public void delete(String name) throws IOException {
    boolean deleted;
    try {
      deleted = storage.delete(id(name));
    } catch (RuntimeException e) {
      throw GcsErrors.translate(bucket, "delete", name, e);
    }
    if (!deleted) {
      throw new ObjectNotFoundException(bucket, name, null);
    }
  }

  @Override
  public void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException {
    String prefix = ObjectNames.dirPrefix(dir);
    try {
      Page<Blob> page = options.recursive()
          ? storage.list(bucket, Storage.BlobListOption.prefix(prefix))
          : storage.list(bucket, Storage.BlobListOption.prefix(prefix), Storage.BlobListOption.currentDirectory());
      while (page != null) {
        List<String> names = new ArrayList<>();
        for (Blob blob : page.getValues()) {
          String entry = blob.getName();
          boolean marker = options.recursive() && entry.endsWith(ObjectNames.DIR_DELIM);
          if (!entry.equals(prefix) && !marker) {
            names.add(entry);
          }
        }
        names.sort(Utf8Order.COMPARATOR);
        for (String entry : names) {
          consumer.accept(entry);
        }
        page = page.hasNextPage() ? page.getNextPage() : null;
      }
    } catch (RuntimeException e) {
      throw GcsErrors.translate(bucket, "iter", prefix, e);
    }
  }

  @Override
  public boolean exists(String name) throws IOException {
    try {
      return storage.get(id(name)) != null;
    } catch (RuntimeException e) {
      throw GcsErrors.translate(bucket, "exists", name, e);
    }
  }

  @Override
  public ObjectAttributes attributes(String name) throws IOException {
    Blob blob = existing(name, "attributes");
    Long updated = blob.getUpdateTime();
    return new ObjectAttributes(sizeOf(blob), updated == null ? Instant.EPOCH : Instant.ofEpochMilli(updated));
  }

  private static long sizeOf(Blob blob) {
    Long size = blob.getSize();
    return size == null ? 0 : size;
  }

  @Override
  public void close() throws IOException {
    try {
      storage.close();
    } catch (Exception e) {
      throw new IOException("closing GCS client", e);
    }
  }
}
