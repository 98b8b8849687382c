package io.thanosjvm.store.prometheus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.thanosjvm.store.StoreRequestException;
import io.thanosjvm.testing.fuzz.Fuzzer;
import io.thanosjvm.tsdb.chunkenc.ChunkFormatException;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.tsdb.chunkenc.XorIterator;
import io.thanosjvm.wire.prompb.Chunk;
import io.thanosjvm.wire.prompb.ChunkedReadResponse;
import io.thanosjvm.wire.prompb.ChunkedSeries;
import io.thanosjvm.wire.prompb.Label;
import io.thanosjvm.wire.prompb.QueryResult;
import io.thanosjvm.wire.prompb.ReadResponse;
import io.thanosjvm.wire.prompb.Sample;
import io.thanosjvm.wire.prompb.TimeSeries;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

/**
 * Remote read answers as a broken or hostile Prometheus could send them. Streamed: mutated frame messages, framed
 * with correct lengths and CRCs so that the protobuf and chunk decoding behind the checksum is reached. Sampled:
 * mutated {@code ReadResponse} bytes, snappy-compressed. Either the frames decode (and their XOR chunks decode or
 * fail with {@link ChunkFormatException}) or reading fails with an {@link IOException}; nothing else, and no
 * allocation beyond what the input justifies.
 */
class RemoteReadFuzzTest {

  @Test
  void streamedFramesWithValidChecksums() {
    Fuzzer.named("remote-read-streamed")
        .corpus(List.of(frameMessage(3, 130).toByteArray(), frameMessage(1, 2).toByteArray()))
        .expecting(IOException.class, ChunkFormatException.class)
        .iterations(20_000)
        .run(message -> {
          ChunkedFrameReader frames = new ChunkedFrameReader(new ByteArrayInputStream(frame(message)),
              ChunkedFrameReader.DEFAULT_MAX_FRAME_BYTES);
          for (ChunkedReadResponse f = frames.next(); f != null; f = frames.next()) {
            decodeChunks(f);
          }
        })
        .assertNoFindings();
  }

  @Test
  void sampledResponses() {
    Fuzzer.named("remote-read-sampled")
        .corpus(List.of(sampled(3, 250).toByteArray(), sampled(1, 1).toByteArray()))
        .expecting(IOException.class, ChunkFormatException.class)
        .iterations(20_000)
        .run(raw -> {
          for (ChunkedReadResponse f : SampledReadResponses.decode(Snappy.compress(raw), 1L << 20)) {
            decodeChunks(f);
          }
        })
        .assertNoFindings();
  }

  @Test
  void aSnappyHeaderAnnouncingGigabytesIsRefusedBeforeAllocating() {
    // a valid varint header claiming 2 GiB followed by a few literal bytes
    byte[] hostile = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08, 0x00, 0x41};
    assertThatThrownBy(() -> SampledReadResponses.decode(hostile, SampledReadResponses.MAX_DECODED_BYTES))
        .isInstanceOf(IOException.class).hasMessageContaining("not valid snappy");
  }

  @Test
  void aValidResponseOverTheDecodedLimitIsResourceExhausted() throws IOException {
    byte[] body = Snappy.compress(sampled(3, 250).toByteArray());
    assertThatThrownBy(() -> SampledReadResponses.decode(body, 100))
        .isInstanceOf(StoreRequestException.class).hasMessageContaining("over the limit of 100");
  }

  private static void decodeChunks(ChunkedReadResponse f) {
    for (ChunkedSeries s : f.getChunkedSeriesList()) {
      for (Chunk c : s.getChunksList()) {
        XorIterator it = new XorIterator(c.getData().toByteArray());
        while (it.next()) {
          it.atT();
        }
      }
    }
  }

  private static byte[] frame(byte[] message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long len = message.length;
    while (len >= 0x80) {
      out.write((int) (len & 0x7F) | 0x80);
      len >>>= 7;
    }
    out.write((int) len);
    CRC32C crc = new CRC32C();
    crc.update(message);
    long c = crc.getValue();
    out.write((int) (c >>> 24));
    out.write((int) (c >>> 16));
    out.write((int) (c >>> 8));
    out.write((int) c);
    out.writeBytes(message);
    return out.toByteArray();
  }

  private static ChunkedReadResponse frameMessage(int series, int samples) {
    ChunkedReadResponse.Builder b = ChunkedReadResponse.newBuilder().setQueryIndex(0);
    for (int s = 0; s < series; s++) {
      XorChunkWriter w = new XorChunkWriter();
      for (int i = 0; i < samples; i++) {
        w.append(1_700_000_000_000L + 15_000L * i, i * 0.5 + s);
      }
      b.addChunkedSeries(ChunkedSeries.newBuilder().addAllLabels(labels(s)).addChunks(Chunk.newBuilder()
          .setMinTimeMs(w.minTime()).setMaxTimeMs(w.maxTime()).setType(Chunk.Encoding.XOR)
          .setData(ByteString.copyFrom(w.bytes()))));
    }
    return b.build();
  }

  private static ReadResponse sampled(int series, int samples) {
    QueryResult.Builder q = QueryResult.newBuilder();
    for (int s = 0; s < series; s++) {
      TimeSeries.Builder ts = TimeSeries.newBuilder().addAllLabels(labels(s));
      for (int i = 0; i < samples; i++) {
        ts.addSamples(Sample.newBuilder().setTimestamp(1_700_000_000_000L + 15_000L * i).setValue(i * 1.5));
      }
      q.addTimeseries(ts);
    }
    return ReadResponse.newBuilder().addResults(q).build();
  }

  private static List<Label> labels(int s) {
    List<Label> l = new ArrayList<>();
    l.add(Label.newBuilder().setName("__name__").setValue("up").build());
    l.add(Label.newBuilder().setName("instance").setValue("host-" + s).build());
    return l;
  }
}
