package io.thanosjvm.block.deletion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Labels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorded request: its JSON (the deletion proposal's tombstone file), its id, its validation, its lookups. */
class DeleteSeriesRequestTest {

  @Test
  void jsonIsTheProposalsTombstoneWithARequestIdAndOneSelectorPerMatch() {
    DeleteSeriesRequest r = DeleteSeriesRequest.of(List.of("up{job=\"a\"}", "{__name__=~\"secret_.+\"}"), 1000, 5000,
        1_700_000_000_000L);
    assertThat(r.toJson()).isEqualTo("{\n"
        + "\t\"requestId\": \"" + r.requestId() + "\",\n"
        + "\t\"matchers\": [\n"
        + "\t\t\"up{job=\\\"a\\\"}\",\n"
        + "\t\t\"{__name__=~\\\"secret_.+\\\"}\"\n"
        + "\t],\n"
        + "\t\"minTime\": 1000,\n"
        + "\t\"maxTime\": 5000,\n"
        + "\t\"creationTime\": 1700000000000\n"
        + "}");
    assertThat(DeleteSeriesRequest.parseJson(r.toJson(), "x")).isEqualTo(r);
    assertThat(r.objectName()).isEqualTo("tombstones/" + r.requestId() + ".json");
  }

  @Test
  void theProposalsSingleSelectorAndExtraFieldsAreRead() {
    DeleteSeriesRequest r = DeleteSeriesRequest.parseJson("{\"requestId\": \"r1\", \"matchers\": "
        + "\"up{source=\\\"prometheus\\\"}\", \"minTime\": -62167219200000, \"maxTime\": 253402300799000, "
        + "\"creationTime\": 1598367375935, \"author\": \"John Gabriel\", \"reason\": \"not specified\"}", "f");
    assertThat(r.matchers()).containsExactly("up{source=\"prometheus\"}");
    assertThat(r.minTime()).isEqualTo(-62167219200000L);
  }

  @Test
  void theIdDependsOnTheSelectorsAndTheRangeOnly() {
    String id = DeleteSeriesRequest.idOf(List.of("up"), 1, 2);
    assertThat(id).hasSize(32).matches("[0-9a-f]+");
    assertThat(DeleteSeriesRequest.of(List.of("up"), 1, 2, 99).requestId()).isEqualTo(id);
    assertThat(DeleteSeriesRequest.idOf(List.of("up"), 1, 3)).isNotEqualTo(id);
    assertThat(DeleteSeriesRequest.idOf(List.of("up", "down"), 1, 2)).isNotEqualTo(id);
  }

  @Test
  void invalidRequestsAreRefusedNamingTheProblem() {
    assertThatThrownBy(() -> new DeleteSeriesRequest("r", List.of(), 0, 1, 0)).hasMessageContaining("no matchers");
    assertThatThrownBy(() -> new DeleteSeriesRequest("../x", List.of("up"), 0, 1, 0))
        .hasMessageContaining("invalid deletion request id");
    assertThatThrownBy(() -> new DeleteSeriesRequest("r", List.of("up{"), 0, 1, 0))
        .hasMessageContaining("parse error");
    assertThatThrownBy(() -> new DeleteSeriesRequest("r", List.of("rate(x[5m])"), 0, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeleteSeriesRequest.parseJson("{\"requestId\": \"r\", \"minTime\": 1}", "tombstones/r.json"))
        .hasMessageContaining("tombstones/r.json").hasMessageContaining("matchers");
    assertThatThrownBy(() -> DeleteSeriesRequest.parseJson("{\"requestId\": \"r\", \"matchers\": [\"up\"], "
        + "\"minTime\": \"a\", \"maxTime\": 1, \"creationTime\": 1}", "f")).hasMessageContaining("minTime");
    assertThatThrownBy(() -> DeleteSeriesRequest.parseJson("[", "f")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSeriesLosesTheRangesOfTheRequestsAnyOfWhoseSelectorsSelectIt() {
    DeletionSet set = DeletionSet.of(List.of(
        DeleteSeriesRequest.of(List.of("up{job=\"a\"}", "down"), 10, 20, 0),
        DeleteSeriesRequest.of(List.of("{job=~\"a|b\"}"), 100, 200, 0),
        DeleteSeriesRequest.of(List.of("up"), 300, 200, 0))); // start after end: deletes nothing, as Prometheus
    assertThat(set.deleted(Labels.of("__name__", "up", "job", "a"))).containsExactly(10, 20, 100, 200);
    assertThat(set.deleted(Labels.of("__name__", "down", "job", "c"))).containsExactly(10, 20);
    assertThat(set.deleted(Labels.of("__name__", "up", "job", "c"))).isEmpty();
    assertThat(set.overlaps(21, 99)).isFalse();
    assertThat(set.overlaps(21, 100)).isTrue();
    assertThat(set.overlaps(201, 400)).isFalse();
    assertThat(DeletionSet.EMPTY.isEmpty()).isTrue();
  }
}
