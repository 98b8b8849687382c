package io.thanosjvm.objstore.azure;

import com.azure.core.http.rest.PagedResponse;
import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterConsumer;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectAttributes;
import io.thanosjvm.objstore.ObjectNames;
import io.thanosjvm.objstore.config.AzureConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A bucket in an Azure blob container. Reads stream in blocks of {@link #READ_BLOCK_SIZE}; uploads go up
 * as staged blocks of {@link #UPLOAD_BLOCK_SIZE} (at most two in flight) committed in one atomic step.
 */
public final class AzureBucket implements Bucket {

  /** Bytes fetched per read request. */
  static final int READ_BLOCK_SIZE = 4 << 20;
  /** Bytes per staged block; larger objects are uploaded in blocks. */
  static final long UPLOAD_BLOCK_SIZE = 3L << 20;

  private final BlobContainerClient container;

  AzureBucket(BlobContainerClient container) {
    this.container = container;
  }

  /** Connects to the container of {@code config}, creating it when {@code storage_create_container}. */
  public static AzureBucket create(AzureConfig config) throws IOException {
    BlobContainerClient container = AzureClients.serviceClient(config).getBlobContainerClient(config.container());
    try {
      if (config.storageCreateContainer()) {
        container.createIfNotExists();
      }
    } catch (RuntimeException e) {
      throw AzureErrors.translate(config.container(), "create container", "", e);
    }
    return new AzureBucket(container);
  }

  @Override
  public String name() {
    return container.getBlobContainerName();
  }

  private BlobClient blob(String name) {
    return container.getBlobClient(ObjectNames.requireObjectName(name));
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
    BlobClient blob = blob(name);
    try {
      BlobProperties props = blob.getProperties();
      long size = props.getBlobSize();
      if (offset >= size || length == 0) {
        return new ByteArrayInputStream(new byte[0]);
      }
      long count = length < 0 ? size - offset : Math.min(length, size - offset);
      return new AzureErrorMappingInputStream(blob.openInputStream(new BlobInputStreamOptions()
          .setRange(new BlobRange(offset, count))
          .setBlockSize(READ_BLOCK_SIZE)
          .setRequestConditions(new com.azure.storage.blob.models.BlobRequestConditions()
              .setIfMatch(props.getETag()))), name(), name);
    } catch (RuntimeException e) {
      throw AzureErrors.translate(name(), "get", name, e);
    }
  }

  @Override
  public void upload(String name, InputStream data, long length) throws IOException {
    BlobClient blob = blob(name);
    ParallelTransferOptions transfer = new ParallelTransferOptions()
        .setBlockSizeLong(UPLOAD_BLOCK_SIZE)
        .setMaxSingleUploadSizeLong(UPLOAD_BLOCK_SIZE)
        .setMaxConcurrency(2);
    try {
      BlobParallelUploadOptions options = length >= 0
          ? new BlobParallelUploadOptions(BinaryData.fromStream(data, length))
          : new BlobParallelUploadOptions(BinaryData.fromStream(data));
      blob.uploadWithResponse(options.setParallelTransferOptions(transfer), null, Context.NONE);
    } catch (RuntimeException e) {
      throw AzureErrors.translate(name(), "upload", name, e);
    }
  }

  @Override
  public void delete(String name) throws IOException {
    try {
      blob(name).delete();
    } catch (RuntimeException e) {
      throw AzureErrors.translate(name(), "delete", name, e);
    }
  }

  @Override
  public void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException {
    String prefix = ObjectNames.dirPrefix(dir);
    ListBlobsOptions list = new ListBlobsOptions().setPrefix(prefix.isEmpty() ? null : prefix);
    try {
      Iterable<PagedResponse<BlobItem>> pages = options.recursive()
          ? container.listBlobs(list, null).iterableByPage()
          : container.listBlobsByHierarchy(ObjectNames.DIR_DELIM, list, null).iterableByPage();
      for (PagedResponse<BlobItem> page : pages) {
        List<String> names = new ArrayList<>();
        for (BlobItem item : page.getValue()) {
          boolean marker = options.recursive() && item.getName().endsWith(ObjectNames.DIR_DELIM);
          if (!item.getName().equals(prefix) && !marker) {
            names.add(item.getName());
          }
        }
        names.sort(Utf8Order.COMPARATOR);
        for (String entry : names) {
          consumer.accept(entry);
        }
      }
    } catch (RuntimeException e) {
      throw AzureErrors.translate(name(), "iter", prefix, e);
    }
  }

  @Override
  public boolean exists(String name) throws IOException {
    try {
      return blob(name).exists();
    } catch (RuntimeException e) {
      throw AzureErrors.translate(name(), "exists", name, e);
    }
  }

  @Override
  public ObjectAttributes attributes(String name) throws IOException {
    try {
      BlobProperties props = blob(name).getProperties();
      return new ObjectAttributes(props.getBlobSize(), props.getLastModified().toInstant());
    } catch (RuntimeException e) {
      throw AzureErrors.translate(name(), "attributes", name, e);
    }
  }

  @Override
  public void close() {
    // The SDK's shared HTTP resources need no explicit release.
  }
}
