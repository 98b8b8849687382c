package io.thanosjvm.block.indexheader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tsdb.encoding.CorruptBlockException;
import io.thanosjvm.tsdb.index.IndexDecoding;
import io.thanosjvm.tsdb.index.IndexReader;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index-header built from ranged reads of a promtool block's index answers like the whole index. */
class IndexHeaderTest {

  @TempDir static Path tmp;
  static Path bucketDir;
  static String blockId;

  @BeforeAll
  static void promtoolBlockInBucket() throws Exception {
    bucketDir = tmp.resolve("bucket");
    Files.createDirectories(bucketDir);
    // enough series that every label name has more values than one sampling interval (32)
    Promtool.makeBlocks(bucketDir, "--series", "500", "--hours", "2", "--churn", "--special");
    blockId = Promtool.blocks(bucketDir).get(0).getFileName().toString();
  }

  @Test
  void headerAnswersLikeTheIndexItWasBuiltFrom() throws Exception {
    Path header = tmp.resolve("h1").resolve(IndexHeaderFormat.FILE_NAME);
    try (FilesystemBucket bucket = new FilesystemBucket(bucketDir)) {
      long read = IndexHeaderBuilder.build(bucket, blockId, header);
      long indexSize = Files.size(bucketDir.resolve(blockId).resolve("index"));
      assertThat(read).isEqualTo(Files.size(header) - 34 + 5 + 52 + 8).isLessThan(indexSize);
      try (IndexHeaderReader h = IndexHeaderReader.open(header);
          IndexReader index = IndexReader.open(bucketDir.resolve(blockId).resolve("index"))) {
        assertThat(h.indexPostingsTableOffset()).isEqualTo(index.toc().postingsTable());
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < index.symbolCount(); i++) {
          symbols.add(h.symbol(i));
        }
        assertThat(symbols).isEqualTo(index.symbols());
        assertThat(h.labelNames()).isEqualTo(index.labelNames()).contains("__name__", "instance");
        int checked = 0;
        for (String name : index.labelNames()) {
          assertThat(h.labelValues(name)).as(name).isEqualTo(index.labelValues(name));
          for (String value : index.labelValues(name)) {
            long[] range = h.postingsTable().range(name, value);
            assertThat(range).as(name + "=" + value).isNotNull();
            assertThat(postingsFromBucket(bucket, range)).isEqualTo(index.postings(name, value));
            checked++;
          }
        }
        assertThat(checked).isGreaterThan(64);
        assertThat(h.postingsTable().range("__name__", "no_such_metric")).isNull();
        assertThat(h.postingsTable().range("no_such_label", "x")).isNull();
      }
    }
  }

  private static int[] postingsFromBucket(FilesystemBucket bucket, long[] range) throws Exception {
    try (InputStream in = bucket.getRange(blockId + "/index", range[0], range[1] - range[0])) {
      byte[] b = in.readAllBytes();
      return IndexDecoding.decodePostings("index", range[0], b, 0, b.length);
    }
  }

  @Test
  void truncatedRemoteIndexIsReportedAsCorrupt() throws Exception {
    Path copy = tmp.resolve("truncated");
    Promtool.copyTree(bucketDir, copy);
    Path index = copy.resolve(blockId).resolve("index");
    byte[] all = Files.readAllBytes(index);
    Files.write(index, java.util.Arrays.copyOf(all, all.length / 2));
    try (FilesystemBucket bucket = new FilesystemBucket(copy)) {
      assertThatThrownBy(() -> IndexHeaderBuilder.build(bucket, blockId, tmp.resolve("h2").resolve("index-header")))
          .isInstanceOf(CorruptBlockException.class);
    }
    assertThat(tmp.resolve("h2").resolve("index-header")).doesNotExist();
  }

  @Test
  void corruptedPostingsTableFailsItsChecksum() throws Exception {
    Path copy = tmp.resolve("badcrc");
    Promtool.copyTree(bucketDir, copy);
    Path index = copy.resolve(blockId).resolve("index");
    byte[] all = Files.readAllBytes(index);
    long potOffset = ByteBuffer.wrap(all, all.length - 52 + 40, 8).getLong();
    all[(int) potOffset + 12] ^= 0x55;
    Files.write(index, all);
    Path header = tmp.resolve("h3").resolve("index-header");
    try (FilesystemBucket bucket = new FilesystemBucket(copy)) {
      IndexHeaderBuilder.build(bucket, blockId, header); // a verbatim copy: the damage is found when opening
    }
    assertThatThrownBy(() -> IndexHeaderReader.open(header)).isInstanceOf(CorruptBlockException.class)
        .hasMessageContaining("checksum");
  }
}
