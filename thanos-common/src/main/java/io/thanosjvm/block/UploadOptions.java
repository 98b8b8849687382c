package io.thanosjvm.block;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the uploader writes into the {@code thanos} section of meta.json.
 *
 * @param labels external labels (replace any labels already in the block's meta.json)
 * @param source producer, e.g. {@code sidecar} or {@code bucket.upload}
 * @param resolution downsampling resolution in ms (0 raw)
 * @param requireLabels refuse blocks with empty labels, as Thanos does for all but plain Prometheus uploads
 */
public record UploadOptions(Map<String, String> labels, String source, long resolution, boolean requireLabels) {

  /** Source written by {@code tools bucket upload-blocks}. */
  public static final String SOURCE_BUCKET_UPLOAD = "bucket.upload";

  /** Validates and copies. */
  public UploadOptions {
    labels = Map.copyOf(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
    Objects.requireNonNull(source, "source");
    if (resolution < 0) {
      throw new IllegalArgumentException("negative resolution " + resolution);
    }
  }
}
