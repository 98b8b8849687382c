package io.thanosjvm.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.model.Labels;
import io.thanosjvm.promql.engine.MatrixValue;
import io.thanosjvm.promql.engine.QueryValue;
import io.thanosjvm.promql.engine.ScalarValue;
import io.thanosjvm.promql.engine.StringValue;
import io.thanosjvm.promql.engine.VectorElement;
import io.thanosjvm.promql.engine.VectorValue;
import io.thanosjvm.testing.OneStringJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Query answers are written piece by piece and cut into bounded chunks; the chunks put together are byte for byte
 * the answer the API built as one String before ({@link OneStringJson}), and a chunk is ready long before the
 * whole answer has been written.
 */
class ResultJsonStreamingTest {

  private static final int TARGET = JsonChunks.DEFAULT_TARGET_CHARS;

  /** All chunks of {@code body}, each as UTF-8 bytes. */
  private static List<byte[]> chunks(JsonBody body, int target) {
    List<byte[]> out = new ArrayList<>();
    JsonChunks chunks = new JsonChunks(body, target);
    StringBuilder sb = new StringBuilder();
    while (chunks.next(sb)) {
      out.add(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    assertThat(chunks.finished()).isTrue();
    return out;
  }

  private static byte[] joined(List<byte[]> chunks) {
    int n = chunks.stream().mapToInt(c -> c.length).sum();
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] c : chunks) {
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
    }
    return all;
  }

  @Test
  void aHundredSeriesOfElevenThousandPointsStreamToTheBytesOfTheOneStringEncoding() {
    MatrixValue m = OneStringJson.awkwardMatrix(100, 11_000, 42);
    List<String> warnings = List.of("store \"a\" <down>", "partial");
    List<byte[]> chunks = chunks(ApiResponse.success(ResultJson.body(m), warnings).body(), TARGET);

    byte[] expected = OneStringJson.success(OneStringJson.result(m), warnings).getBytes(StandardCharsets.UTF_8);
    assertThat(expected.length).isGreaterThan(20_000_000);
    assertThat(joined(chunks)).isEqualTo(expected);
    // bounded: every chunk reaches the target (but the last) and exceeds it by at most one piece
    assertThat(chunks.size()).isGreaterThan(expected.length / (2 * TARGET));
    for (int i = 0; i < chunks.size(); i++) {
      assertThat(chunks.get(i).length).as("chunk %d", i).isLessThan(TARGET + 1024);
      if (i < chunks.size() - 1) {
        assertThat(chunks.get(i).length).as("chunk %d", i).isGreaterThanOrEqualTo(TARGET);
      }
    }
  }

  @Test
  void everyResultTypeAndSmallChunksGiveTheOneStringBytes() {
    List<QueryValue> values = List.of(
        OneStringJson.awkwardMatrix(7, 50, 1),
        new MatrixValue(List.of()),
        new VectorValue(List.of()),
        new VectorValue(List.of(new VectorElement(Labels.of("__name__", "up", "job", "a\"<b>"), 1_700_000_000_500L,
            Double.NaN), new VectorElement(Labels.of("job", "ü"), -1, 1e-7))),
        new ScalarValue(1_700_000_000_123L, Double.NEGATIVE_INFINITY),
        new StringValue(1_700_000_000_000L, "a \"string\" \u2028"));
    for (QueryValue v : values) {
      String expected = OneStringJson.result(v);
      assertThat(ResultJson.encode(v)).as("%s", v).isEqualTo(expected);
      for (int target : new int[] {1, 7, 100, TARGET}) {
        assertThat(new String(joined(chunks(ResultJson.body(v), target)), StandardCharsets.UTF_8))
            .as("%s in chunks of %d", v, target).isEqualTo(expected);
      }
      assertThat(ApiResponse.success(ResultJson.body(v), List.of()).json())
          .isEqualTo(OneStringJson.success(expected, List.of()));
    }
  }

  @Test
  void theFirstChunkIsReadyAfterWritingAboutOneChunkOfTheAnswer() {
    MatrixValue m = OneStringJson.awkwardMatrix(100, 11_000, 7);
    int[] pieces = {0};
    JsonBody counted = () -> {
      JsonBody.Writer w = ResultJson.body(m).open();
      return sb -> {
        boolean more = w.writeNext(sb);
        if (more) {
          pieces[0]++;
        }
        return more;
      };
    };
    JsonChunks chunks = new JsonChunks(counted, TARGET);
    StringBuilder sb = new StringBuilder();
    assertThat(chunks.next(sb)).isTrue();
    int forFirstChunk = pieces[0];
    while (chunks.next(sb)) {
      // drain
    }
    int total = pieces[0];
    assertThat(total).isGreaterThan(1_100_000);
    // one chunk of ~64 KiB holds a few thousand samples: a tiny fraction of the 1.1 million pieces
    assertThat(forFirstChunk).isBetween(100, total / 100);
  }

  @Test
  void seriesAndLabelArraysAreWrittenOneEntryPerPiece() {
    List<Labels> series = List.of(Labels.of("__name__", "a", "x", "1"), Labels.of("__name__", "b"));
    JsonBody body = JsonBody.array(series, PromJson::labels);
    assertThat(body.asString()).isEqualTo("[{\"__name__\":\"a\",\"x\":\"1\"},{\"__name__\":\"b\"}]");
    assertThat(chunks(body, 1)).hasSize(4);
    assertThat(JsonBody.array(List.<String>of(), PromJson::string).asString()).isEqualTo("[]");
    assertThat(ApiResponse.success(JsonBody.array(List.of("a", "<b>"), PromJson::string), List.of("w")).json())
        .isEqualTo(OneStringJson.success("[\"a\",\"\\u003cb\\u003e\"]", List.of("w")));
    assertThat(ApiResponse.error(ApiError.BAD_DATA, "bad \"x\"").json())
        .isEqualTo("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"bad \\\"x\\\"\"}");
  }
}
