package io.thanosjvm.block.deletion;

import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deletion requests of a bucket: one object {@code tombstones/<requestId>.json} per request, written in one
 * upload (every object store makes an upload visible whole or not at all; the filesystem bucket renames a temporary
 * file), never changed afterwards except by the same request being sent again.
 */
public final class DeleteRequestStore {

  /** The directory of the request objects. */
  public static final String DIR = "tombstones/";

  private static final Logger LOG = LoggerFactory.getLogger(DeleteRequestStore.class);

  private final Bucket bucket;

  /** The requests of {@code bucket}. */
  public DeleteRequestStore(Bucket bucket) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
  }

  /**
   * Uploads the request; returns once the object store acknowledged it.
   *
   * @throws IOException when the upload failed (the request is then not recorded)
   */
  public void record(DeleteSeriesRequest request) throws IOException {
    byte[] json = request.toJson().getBytes(StandardCharsets.UTF_8);
    bucket.upload(request.objectName(), new ByteArrayInputStream(json), json.length);
  }

  /**
   * Every readable request, oldest first. An object that does not parse is logged and skipped (it was not written by
   * this API), a listing or read failure is thrown so callers keep what they had.
   */
  public List<DeleteSeriesRequest> list() throws IOException {
    List<String> names = new ArrayList<>();
    bucket.iter(DIR, name -> {
      if (name.endsWith(".json")) {
        names.add(name);
      }
    }, IterOptions.flat());
    List<DeleteSeriesRequest> out = new ArrayList<>(names.size());
    for (String name : names) {
      byte[] data;
      try (InputStream in = bucket.get(name)) {
        data = in.readNBytes(DeleteSeriesRequest.MAX_JSON_BYTES + 1);
      } catch (IOException e) {
        if (bucket.isObjNotFound(e)) {
          continue;
        }
        throw e;
      }
      if (data.length > DeleteSeriesRequest.MAX_JSON_BYTES) {
        LOG.warn("skipping deletion request larger than {} bytes: object={}", DeleteSeriesRequest.MAX_JSON_BYTES,
            name);
        continue;
      }
      try {
        out.add(DeleteSeriesRequest.parseJson(new String(data, StandardCharsets.UTF_8), name));
      } catch (IllegalArgumentException e) {
        LOG.warn("skipping unreadable deletion request: object={} err={}", name, e.getMessage());
      }
    }
    out.sort(Comparator.comparingLong(DeleteSeriesRequest::creationTime)
        .thenComparing(DeleteSeriesRequest::requestId));
    return out;
  }
}
