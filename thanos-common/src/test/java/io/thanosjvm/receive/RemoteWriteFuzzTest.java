package io.thanosjvm.receive;

import io.thanosjvm.testing.fuzz.Fuzzer;
import io.thanosjvm.wire.prompb.Label;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import io.thanosjvm.wire.prompb.WriteRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * Remote-write bodies from a broken or hostile client: decoding and Thanos' label validation either accept or
 * refuse with a {@link WriteException} (which the handler turns into 400/413), never another exception, a hang or
 * an allocation beyond the decoded-size guard. Deep: mutated protobuf, correctly snappy-compressed, so that the
 * message decoding is reached. Shallow: mutated compressed bytes.
 */
class RemoteWriteFuzzTest {

  private static final long MAX_DECODED = RequestLimits.DEFAULT.maxDecodedBytes();

  @Test
  void mutatedProtobufBehindValidSnappy() {
    Fuzzer.named("remote-write-protobuf")
        .corpus(List.of(request(5, 10).toByteArray(), request(1, 1).toByteArray()))
        .expecting(WriteException.class)
        .iterations(30_000)
        .run(raw -> validate(Snappy.compress(raw)))
        .assertNoFindings();
  }

  @Test
  void mutatedSnappyBodies() throws Exception {
    Fuzzer.named("remote-write-snappy")
        .corpus(List.of(Snappy.compress(request(5, 10).toByteArray())))
        .expecting(WriteException.class)
        .allocationBudget(len -> (8L << 20) + 64L * len)
        .iterations(20_000)
        .run(RemoteWriteFuzzTest::validate)
        .assertNoFindings();
  }

  @Test
  void aTinyBodyAnnouncingMegabytesIsRefusedWithoutAllocatingThem() {
    // found by mutatedSnappyBodies: a 102-byte body whose header announced 18 MB made the decoder allocate it
    byte[] body = java.util.Base64.getDecoder().decode("kYHbCPBMCtwBCg4KCF9fbmFtZV9fEgJ1cAoSCghpbgAAAGRjZRIWaG9zdC0wCgsKA2pvYhIEbm9kZRIHEIDQlf+8MRIQCQAAAAAAAPA/EJjFlv8dEhgAQBCwupf/HRIUCEAQyK+Y");
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = mx.getCurrentThreadAllocatedBytes();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RemoteWriteBody.decode(body, MAX_DECODED))
        .isInstanceOf(WriteException.class).hasMessageContaining("snappy");
    org.assertj.core.api.Assertions.assertThat(mx.getCurrentThreadAllocatedBytes() - before).isLessThan(1L << 20);
  }

  private static void validate(byte[] body) {
    for (io.thanosjvm.wire.storepb.prompb.TimeSeries ts : RemoteWriteBody.decode(body, MAX_DECODED)) {
      SeriesLabels.of(ts.getLabelsList()); // the check the local writer applies before appending
    }
  }

  private static WriteRequest request(int series, int samples) {
    WriteRequest.Builder b = WriteRequest.newBuilder();
    for (int s = 0; s < series; s++) {
      TimeSeries.Builder ts = TimeSeries.newBuilder()
          .addLabels(Label.newBuilder().setName("__name__").setValue("up"))
          .addLabels(Label.newBuilder().setName("instance").setValue("host-" + s))
          .addLabels(Label.newBuilder().setName("job").setValue("node"));
      for (int i = 0; i < samples; i++) {
        ts.addSamples(Sample.newBuilder().setTimestamp(1_700_000_000_000L + 15_000L * i).setValue(i));
      }
      b.addTimeseries(ts);
    }
    return b.build();
  }
}
