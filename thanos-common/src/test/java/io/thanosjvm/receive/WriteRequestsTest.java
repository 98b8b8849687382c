package io.thanosjvm.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import io.thanosjvm.wire.prompb.WriteRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/** Remote write 1.0 bodies ({@link RemoteWriteBody}), series labels ({@link SeriesLabels}) and tenants. */
class WriteRequestsTest {

  private static Label l(String n, String v) {
    return Label.newBuilder().setName(n).setValue(v).build();
  }

  @Test
  void decodesASnappyWriteRequest() throws Exception {
    WriteRequest req = WriteRequest.newBuilder().addTimeseries(TimeSeries.newBuilder()
        .addLabels(io.thanosjvm.wire.prompb.Label.newBuilder().setName("__name__").setValue("up"))
        .addLabels(io.thanosjvm.wire.prompb.Label.newBuilder().setName("job").setValue("node"))
        .addSamples(Sample.newBuilder().setTimestamp(1000).setValue(1))).build();
    var back = RemoteWriteBody.decode(Snappy.compress(req.toByteArray()), 0);
    assertThat(back).hasSize(1);
    assertThat(back.get(0).toByteArray()).as("the same series on the wire").isEqualTo(req.getTimeseries(0)
        .toByteArray());
    assertThat(SeriesLabels.of(back.get(0).getLabelsList()).toString())
        .isEqualTo("{__name__=\"up\", job=\"node\"}");
  }

  @Test
  void refusesBodiesThatAreNotSnappyTooLargeOrNotProtobuf() throws Exception {
    assertThatThrownBy(() -> RemoteWriteBody.decode("plain text".getBytes(), 0))
        .isInstanceOfSatisfying(WriteException.class, e -> assertThat(e.writeCause().httpStatus()).isEqualTo(400))
        .hasMessageStartingWith("snappy decode error");
    byte[] big = Snappy.compress(new byte[10_000]);
    assertThatThrownBy(() -> RemoteWriteBody.decode(big, 1000)).hasMessageContaining("write request too large");
    assertThatThrownBy(() -> RemoteWriteBody.decode(Snappy.compress(new byte[] {(byte) 0xff, 1, 2}), 0))
        .hasMessageStartingWith("unmarshal write request");
  }

  @Test
  void validatesLabelsWithThanosTexts() {
    assertThatThrownBy(() -> SeriesLabels.of(List.of())).hasMessageStartingWith(SeriesLabels.EMPTY_LABELS);
    assertThatThrownBy(() -> SeriesLabels.of(List.of(l("a", "")))).hasMessageStartingWith(
        SeriesLabels.EMPTY_LABELS);
    assertThatThrownBy(() -> SeriesLabels.of(List.of(l("b", "1"), l("a", "2"))))
        .hasMessage("out of order labels: {b=\"1\", a=\"2\"}");
    assertThatThrownBy(() -> SeriesLabels.of(List.of(l("a", "1"), l("a", "2"))))
        .hasMessageStartingWith(SeriesLabels.DUPLICATE_LABELS);
  }

  @Test
  void tenantsComeFromTheHeaderOrTheDefaultAndMustNameADirectory() {
    assertThat(Tenants.resolve(null, "default-tenant")).isEqualTo("default-tenant");
    assertThat(Tenants.resolve("team-a", "default-tenant")).isEqualTo("team-a");
    for (String bad : List.of("..", ".", "a/b", "a\\b")) {
      assertThatThrownBy(() -> Tenants.resolve(bad, "d")).isInstanceOf(WriteException.class)
          .hasMessageStartingWith("Tenant name not valid");
    }
  }
}
