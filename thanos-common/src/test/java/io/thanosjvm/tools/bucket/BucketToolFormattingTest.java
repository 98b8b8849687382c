package io.thanosjvm.tools.bucket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.GoDuration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketToolFormattingTest {

  @Test
  void durationsPrintLikeGo() {
    assertThat(GoDuration.format(0)).isEqualTo("0s");
    assertThat(GoDuration.format(7_200_000)).isEqualTo("2h0m0s");
    assertThat(GoDuration.format(90_500)).isEqualTo("1m30.5s");
    assertThat(GoDuration.format(1_000)).isEqualTo("1s");
    assertThat(GoDuration.format(250)).isEqualTo("250ms");
    assertThat(GoDuration.format(172_800_000)).isEqualTo("48h0m0s");
  }

  @Test
  void untilDownCountsToTheDownsamplingRangeOfTheResolution() {
    assertThat(InspectTable.untilDown(7_200_000, 0)).isEqualTo("38h0m0s");
    assertThat(InspectTable.untilDown(40 * 3_600_000L, 0)).isEqualTo("-");
    assertThat(InspectTable.untilDown(48 * 3_600_000L, 300_000)).isEqualTo("192h0m0s");
    assertThat(InspectTable.untilDown(7_200_000, 3_600_000)).isEqualTo("-");
  }

  @Test
  void labelFlagsNeedQuotedValuesWithGoEscapes() {
    assertThat(UploadBlocksCommand.labels(List.of("a=\"x\"", "b=\"q\\\"t\\\\\"")))
        .containsExactly(Map.entry("a", "x"), Map.entry("b", "q\"t\\"));
    // Thanos' wording (strconv.Unquote's error behind its --label parser)
    assertThatThrownBy(() -> UploadBlocksCommand.labels(List.of("a=x")))
        .hasMessageContaining("unquote label value: invalid syntax");
    assertThatThrownBy(() -> UploadBlocksCommand.labels(List.of("1a=\"x\"")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> UploadBlocksCommand.labels(List.of("a=\"x\"y\"")))
        .hasMessageContaining("unquote label value: invalid syntax");
  }

  @Test
  void csvQuotesCellsWithCommas() {
    String csv = InspectTable.separated(List.of(List.of("U", "f", "u", "r", "d", "1", "2", "3", "1", "false",
        "a=1,b=2", "0s", "s")), ',');
    assertThat(csv.lines().skip(1)).containsExactly("U,f,u,r,d,1,2,3,1,false,\"a=1,b=2\",0s,s");
    assertThat(InspectTable.needsQuotes(" lead", ',')).isTrue();
    assertThat(InspectTable.needsQuotes("a\tb", '\t')).isTrue();
    assertThat(InspectTable.needsQuotes("a b", ',')).isFalse();
  }
}
