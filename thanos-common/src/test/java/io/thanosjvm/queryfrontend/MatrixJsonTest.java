package io.thanosjvm.queryfrontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixJsonTest {

  private static final String BODY = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
      + "{\"metric\":{\"__name__\":\"a\",\"job\":\"x\\u003c\"},\"values\":[[1700000000,\"1\"],[1700000060.500,\"NaN\"],"
      + "[1700000120.050,\"+Inf\"],[1700000180,\"1e-07\"],[1700000240,\"123456.789\"]]},"
      + "{\"metric\":{\"job\":\"y\"},\"values\":[[-1.500,\"-0.5\"]]}]},\"warnings\":[\"w1\"]}";

  @Test
  void aPrometheusMatrixIsWrittenBackByteForByte() {
    Matrix m = MatrixJson.parse(BODY.getBytes(StandardCharsets.UTF_8));
    assertThat(m.series()).hasSize(2);
    assertThat(m.series().get(0).timestamps()).containsExactly(1_700_000_000_000L, 1_700_000_060_500L,
        1_700_000_120_050L, 1_700_000_180_000L, 1_700_000_240_000L);
    assertThat(m.series().get(1).timestamps()).containsExactly(-1500L);
    assertThat(MatrixJson.millis("1.5")).isEqualTo(1500L);
    assertThat(MatrixJson.millis("-0.05")).isEqualTo(-50L);
    assertThat(new String(MatrixJson.encode(m), StandardCharsets.UTF_8)).isEqualTo(BODY);
  }

  @Test
  void theFastValueFormattingEqualsPrometheusFormattingEverywhere() {
    java.util.Random random = new java.util.Random(3);
    List<Double> values = new java.util.ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.1, 0.3, 1e-3, 9.99e-4, 1e7,
        1234567.891, 1e15, 1e15 + 2, 123456789012345.6, 0.1 + 0.2, 1e21, 1e-7, 2.5e-5, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE));
    for (int i = 0; i < 20_000; i++) {
      values.add(random.nextDouble() * Math.pow(10, random.nextInt(30) - 12) * (random.nextBoolean() ? 1 : -1));
      values.add(Math.round(random.nextDouble() * 1e6) / 1000.0);
      values.add((double) random.nextInt(1_000_000));
    }
    for (double v : values) {
      StringBuilder sb = new StringBuilder();
      MatrixJson.sampleValue(sb, v);
      assertThat(sb.toString()).as("%s", v).isEqualTo(io.thanosjvm.api.PromJson.sampleValue(v));
    }
  }

  @Test
  void mergingConcatenatesByLabelSetInTimeOrderWithoutDuplicatesAndKeepsWarningsOnce() {
    Labels a = Labels.of("__name__", "a");
    Labels b = Labels.of("__name__", "b");
    Matrix first = new Matrix(List.of(new MatrixSeries(b, new long[] {1, 2, 3}, new double[] {1, 2, 3})),
        List.of("w"));
    Matrix second = new Matrix(List.of(new MatrixSeries(a, new long[] {3, 4}, new double[] {30, 40}),
        new MatrixSeries(b, new long[] {3, 4, 5}, new double[] {3, 4, 5})), List.of("w", "v"));
    Matrix merged = Matrix.merge(List.of(first, second));
    assertThat(merged.series()).extracting(MatrixSeries::labels).containsExactly(a, b);
    assertThat(merged.series().get(1).timestamps()).containsExactly(1, 2, 3, 4, 5);
    assertThat(merged.series().get(1).values()).containsExactly(1, 2, 3, 4, 5);
    assertThat(merged.warnings()).containsExactly("w", "v");
    assertThat(merged.between(2, 3).series().get(1).timestamps()).containsExactly(2, 3);
    assertThat(merged.between(5, 9).series()).hasSize(1);
  }

  @Test
  void nonMatrixAndErrorBodiesAreRefusedWithAReason() {
    assertThatThrownBy(() -> MatrixJson.parse(("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
        + "\"result\":[]}}").getBytes(StandardCharsets.UTF_8))).hasMessageContaining("expected resultType matrix");
    assertThatThrownBy(() -> MatrixJson.parse("{\"status\":\"error\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ResponseFormatException.class);
    assertThatThrownBy(() -> MatrixJson.parse("{\"status\":".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(ResponseFormatException.class);
  }

  @Test
  void cachedResponsesRoundTripAndCorruptBytesAreReportedNotAllocated() {
    Matrix m = MatrixJson.parse(BODY.getBytes(StandardCharsets.UTF_8));
    CachedResponse c = new CachedResponse("fe:k", List.of(new Extent(10, 20, m), new Extent(30, 40, Matrix.EMPTY)));
    byte[] bytes = CachedResponseCodec.encode(c);
    CachedResponse back = CachedResponseCodec.decode(bytes);
    assertThat(back.key()).isEqualTo("fe:k");
    assertThat(back.extents()).extracting(Extent::start).containsExactly(10L, 30L);
    assertThat(MatrixJson.encode(back.extents().get(0).response())).isEqualTo(MatrixJson.encode(m));
    byte[] corrupt = Arrays.copyOf(bytes, bytes.length);
    corrupt[12] = 0x7f; // extent count now huge
    assertThatThrownBy(() -> CachedResponseCodec.decode(corrupt)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("corrupt");
    assertThatThrownBy(() -> CachedResponseCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)))
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> CachedResponseCodec.decode("hello".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("bad magic");
  }
}
