package io.thanosjvm.objstore.s3;

import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.objstore.IterConsumer;
import io.thanosjvm.objstore.ObjectNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Lists one directory page by page (ListObjectsV2, or V1 for {@code list_objects_version: v1}), merging
 * each page's objects and common prefixes into one sorted stream. Only one page is held at a time.
 */
final class S3Lister {

  private final S3Client client;
  private final String bucket;
  private final boolean v1;
  private final AwsRequestOverrideConfiguration timeout;

  S3Lister(S3Client client, String bucket, boolean v1, AwsRequestOverrideConfiguration timeout) {
    this.client = client;
    this.bucket = bucket;
    this.v1 = v1;
    this.timeout = timeout;
  }

  /** Lists {@code prefix}; {@code recursive} drops the delimiter. */
  void list(String prefix, boolean recursive, IterConsumer consumer) throws IOException {
    String delimiter = recursive ? null : ObjectNames.DIR_DELIM;
    String token = null;
    do {
      List<String> page = new ArrayList<>();
      if (v1) {
        ListObjectsResponse r = client.listObjects(ListObjectsRequest.builder()
            .bucket(bucket).prefix(prefix).delimiter(delimiter).marker(token).overrideConfiguration(timeout).build());
        collect(page, r.contents(), r.commonPrefixes(), prefix);
        token = Boolean.TRUE.equals(r.isTruncated()) ? nextMarker(r) : null;
      } else {
        ListObjectsV2Response r = client.listObjectsV2(ListObjectsV2Request.builder()
            .bucket(bucket).prefix(prefix).delimiter(delimiter).continuationToken(token).overrideConfiguration(timeout).build());
        collect(page, r.contents(), r.commonPrefixes(), prefix);
        token = Boolean.TRUE.equals(r.isTruncated()) ? r.nextContinuationToken() : null;
      }
      page.sort(Utf8Order.COMPARATOR);
      for (String name : page) {
        consumer.accept(name);
      }
    } while (token != null);
  }

  private static String nextMarker(ListObjectsResponse r) {
    if (r.nextMarker() != null) {
      return r.nextMarker();
    }
    String last = r.contents().isEmpty() ? null : r.contents().get(r.contents().size() - 1).key();
    if (!r.commonPrefixes().isEmpty()) {
      String lastPrefix = r.commonPrefixes().get(r.commonPrefixes().size() - 1).prefix();
      last = last == null || Utf8Order.compare(lastPrefix, last) > 0 ? lastPrefix : last;
    }
    return last;
  }

  private static void collect(List<String> page, List<S3Object> objects, List<CommonPrefix> prefixes, String dir) {
    for (S3Object o : objects) {
      // Directory marker objects ("dir/") are not entries of their own directory.
      if (!o.key().equals(dir) && !o.key().endsWith(ObjectNames.DIR_DELIM)) {
        page.add(o.key());
      }
    }
    for (CommonPrefix p : prefixes) {
      page.add(p.prefix());
    }
  }
}
