package io.thanosjvm.tools.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tsdb.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bucket tools over a FILESYSTEM bucket given by {@code --objstore.config-file}, plus promtool blocks. */
class BucketToolsFilesystemTest extends BucketToolsContract {

  @Override
  String objstoreFlag() throws Exception {
    Path config = tmp.resolve("objstore.yml");
    Files.writeString(config, "type: FILESYSTEM\nconfig:\n  directory: " + tmp.resolve("bucket") + "\n");
    return "--objstore.config-file=" + config;
  }

  @Override
  Bucket openBucket() throws Exception {
    return new FilesystemBucket(tmp.resolve("bucket"));
  }

  @Test
  void promtoolBlocksSurviveTheRoundTripByPromtoolsOwnDump() throws Exception {
    Path prom = tmp.resolve("prom");
    Promtool.makeBlocks(prom, "--series", "40", "--hours", "4", "--step", "60", "--seed", "5", "--special");
    List<Path> blocks = Promtool.blocks(prom);
    Result up = run("upload-blocks", flag, "--path=" + prom, "--label=cluster=\"eu1\"");
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out().lines()).hasSize(blocks.size()).allMatch(l -> l.startsWith("uploaded "));
    Path copy = tmp.resolve("prom-copy");
    try (Bucket bucket = openBucket()) {
      for (Path b : blocks) {
        new BlockDownloader(bucket).download(b.getFileName().toString(), copy);
      }
    }
    String theirs = Promtool.dump(prom);
    assertThat(theirs).isNotEmpty();
    assertThat(Promtool.dump(copy)).isEqualTo(theirs);
    assertThat(run("dump", copy.toString()).out()).isEqualTo(theirs);
  }
}
