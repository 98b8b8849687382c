package io.thanosjvm.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.deletion.DeleteRequestStore;
import io.thanosjvm.block.deletion.DeleteSeriesRequest;
import io.thanosjvm.block.deletion.DeletionRequests;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code delete_series} answers as Prometheus 2.42 does (texts taken from a real {@code prometheus} with and without
 * {@code --web.enable-admin-api}) and records the request in the bucket before it says 204.
 */
class DeleteSeriesApiTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T23:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  private static ApiParams params(String... kv) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
    }
    return new ApiParams(m);
  }

  @Test
  void disabledItAnswersAsPrometheusWithoutTheAdminApi() {
    ApiResponse r = new DeleteSeriesApi(null, CLOCK).deleteSeries(params("match[]", "up"));
    assertThat(r.httpStatus()).isEqualTo(500);
    assertThat(r.json()).isEqualTo("{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"admin APIs disabled\"}");
  }

  @Test
  void badRequestsAreRefusedWithPrometheusTextsAndNothingIsRecorded() throws Exception {
    FilesystemBucket bucket = new FilesystemBucket(dir);
    DeleteSeriesApi api = new DeleteSeriesApi(new DeletionRequests(new DeleteRequestStore(bucket)), CLOCK);
    assertThat(api.deleteSeries(params()).json()).isEqualTo(
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"no match[] parameter provided\"}");
    assertThat(api.deleteSeries(params("match[]", "up", "start", "abc")).json()).isEqualTo(
        "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"start\\\": Invalid time "
            + "value for 'start': cannot parse \\\"abc\\\" to a valid timestamp\"}");
    assertThat(api.deleteSeries(params("match[]", "up", "end", "x")).json()).contains(
        "invalid parameter \\\"end\\\": Invalid time value for 'end': cannot parse \\\"x\\\" to a valid timestamp");
    ApiResponse bad = api.deleteSeries(params("match[]", "up{"));
    assertThat(bad.httpStatus()).isEqualTo(400);
    assertThat(bad.json()).isEqualTo("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter "
        + "\\\"match[]\\\": 1:4: parse error: unexpected end of input inside braces\"}");
    // the second selector is bad: Prometheus would already have deleted the first; we record nothing
    assertThat(api.deleteSeries(params("match[]", "up", "match[]", "rate(x[5m])")).httpStatus()).isEqualTo(400);
    assertThat(Files.exists(dir.resolve("tombstones"))).isFalse();
  }

  @Test
  void aValidRequestIsRecordedWithPrometheusDefaultsThenAnswered204() throws Exception {
    FilesystemBucket bucket = new FilesystemBucket(dir);
    DeletionRequests requests = new DeletionRequests(new DeleteRequestStore(bucket));
    DeleteSeriesApi api = new DeleteSeriesApi(requests, CLOCK);
    ApiResponse r = api.deleteSeries(params("match[]", "up{job=\"a\"}", "match[]", "down"));
    assertThat(r.httpStatus()).isEqualTo(204);
    assertThat(r.json()).isEmpty();
    List<DeleteSeriesRequest> stored = new DeleteRequestStore(bucket).list();
    assertThat(stored).hasSize(1);
    assertThat(stored.get(0).matchers()).containsExactly("up{job=\"a\"}", "down");
    assertThat(stored.get(0).minTime()).isEqualTo(ApiParams.MIN_TIME);
    assertThat(stored.get(0).maxTime()).isEqualTo(ApiParams.MAX_TIME);
    assertThat(stored.get(0).creationTime()).isEqualTo(CLOCK.millis());
    assertThat(requests.get().requests()).isEqualTo(stored); // hidden at once, without waiting for a refresh

    assertThat(api.deleteSeries(params("match[]", "up", "start", "1699999200", "end", "2023-11-15T00:00:00Z"))
        .httpStatus()).isEqualTo(204);
    assertThat(new DeleteRequestStore(bucket).list()).extracting(DeleteSeriesRequest::minTime,
        DeleteSeriesRequest::maxTime).contains(org.assertj.core.groups.Tuple.tuple(1_699_999_200_000L,
        1_700_006_400_000L));
  }

  @Test
  void aFailedUploadIsAnErrorNotA204() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");
    FilesystemBucket bucket = new FilesystemBucket(dir);
    // tombstones/ cannot be created: a plain file is in its way
    Files.move(file, dir.resolve("tombstones"));
    DeleteSeriesApi api = new DeleteSeriesApi(new DeletionRequests(new DeleteRequestStore(bucket)), CLOCK);
    ApiResponse r = api.deleteSeries(params("match[]", "up"));
    assertThat(r.httpStatus()).isEqualTo(500);
    assertThat(r.json()).contains("\"errorType\":\"internal\"").contains("recording the deletion request");
  }
}
