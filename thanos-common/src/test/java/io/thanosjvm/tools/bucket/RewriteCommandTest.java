package io.thanosjvm.tools.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code bucket rewrite} over a block made by promtool: a dry run changes nothing; a real run uploads a block whose
 * {@code promtool tsdb dump} is the original's minus the deleted series and time ranges, records the rewrite in
 * meta.json and marks the original for deletion.
 */
class RewriteCommandTest {

  private static final long START = 1_700_006_400L; // seconds, 2h-aligned

  @TempDir
  Path tmp;

  @Test
  void rewriteDeletesExactlyWhatTheRequestsSelect() throws Exception {
    StringBuilder om = new StringBuilder();
    for (String[] s : new String[][] {{"secret_total", "a"}, {"secret_total", "b"}, {"keep_total", "a"}}) {
      om.append("# TYPE ").append(s[0]).append(" counter\n");
      for (int i = 0; i < 60; i++) {
        om.append(s[0]).append("{job=\"").append(s[1]).append("\"} ").append(i).append(' ')
            .append(START + i * 60L).append('\n');
      }
    }
    om.append("# EOF\n");
    Path input = Files.writeString(tmp.resolve("in.om"), om.toString());
    Path made = Files.createDirectories(tmp.resolve("made"));
    Promtool.run(tmp, List.of(Promtool.require("promtool"), "tsdb", "create-blocks-from", "openmetrics",
        input.toString(), made.toString()));
    Path block = Promtool.blocks(made).get(0);
    String oldId = block.getFileName().toString();
    Path bucketDir = Files.createDirectories(tmp.resolve("bucket"));
    FilesystemBucket bucket = new FilesystemBucket(bucketDir);
    new BlockUploader(bucket, Clock.systemUTC()).upload(block, new UploadOptions(Map.of("cluster", "eu"),
        UploadOptions.SOURCE_BUCKET_UPLOAD, 0, true));
    String objstore = "--objstore.config={type: FILESYSTEM, config: {directory: " + bucketDir + "}}";
    long t1 = (START + 10 * 60) * 1000;
    long t2 = (START + 19 * 60) * 1000;
    String deletions = "- matchers: '{__name__=\"secret_total\", job=\"a\"}'\n"
        + "- matchers: '{__name__=\"keep_total\"}'\n  intervals: [{mint: " + t1 + ", maxt: " + t2 + "}]\n"
        + "  request_id: gdpr-1\n";
    Path config = Files.writeString(tmp.resolve("delete.yml"), deletions);

    List<String> before = listing(bucketDir);
    assertThat(run(objstore, "--id=" + oldId, "--rewrite.to-delete-config-file=" + config,
        "--tmp.dir=" + tmp.resolve("work"))).contains("dry run");
    assertThat(listing(bucketDir)).isEqualTo(before);

    String out = run(objstore, "--id=" + oldId, "--rewrite.to-delete-config-file=" + config,
        "--tmp.dir=" + tmp.resolve("work"), "--no-dry-run", "--delete-blocks");
    assertThat(out).contains("rewrote block " + oldId).contains("marked " + oldId + " for deletion");
    assertThat(Files.exists(bucketDir.resolve(oldId).resolve("deletion-mark.json"))).isTrue();
    String newId;
    try (Stream<Path> s = Files.list(bucketDir)) {
      newId = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(oldId)).findFirst().orElseThrow();
    }
    Path downloaded = new BlockDownloader(bucket).download(newId, Files.createDirectories(tmp.resolve("new")));

    TreeSet<String> expected = new TreeSet<>();
    for (String line : Promtool.dump(made).split("\n")) {
      long ts = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
      boolean deleted = line.startsWith("{__name__=\"secret_total\", job=\"a\"}")
          || line.startsWith("{__name__=\"keep_total\"") && ts >= t1 && ts <= t2;
      if (!line.isBlank() && !deleted) {
        expected.add(line);
      }
    }
    TreeSet<String> actual = new TreeSet<>(List.of(Promtool.dump(downloaded.getParent()).split("\n")));
    assertThat(actual).hasSize(60 + 60 - 10).isEqualTo(expected);

    JsonNode meta = new ObjectMapper().readTree(Files.readString(downloaded.resolve("meta.json")));
    assertThat(meta.path("thanos").path("source").asString()).isEqualTo("bucket.rewrite");
    assertThat(meta.path("thanos").path("labels").path("cluster").asString()).isEqualTo("eu");
    assertThat(meta.path("compaction").path("sources").get(0).asString()).isEqualTo(newId);
    JsonNode rewrite = meta.path("thanos").path("rewrites").get(0);
    assertThat(rewrite.path("sources").get(0).asString()).isEqualTo(oldId);
    assertThat(rewrite.path("deletions_applied").get(1).path("matchers").asString())
        .isEqualTo("{__name__=\"keep_total\"}");
    assertThat(rewrite.path("deletions_applied").get(1).path("intervals").get(0).path("Mint").asLong())
        .isEqualTo(t1);
    assertThat(rewrite.path("deletions_applied").get(1).path("request_id").asString()).isEqualTo("gdpr-1");
    assertThat(BlockMeta.read(downloaded.resolve("meta.json")).minTime())
        .isEqualTo(BlockMeta.read(block.resolve("meta.json")).minTime());
  }

  @Test
  void badDeletionConfigsAreUsageErrors() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new RewriteCommand(Clock.systemUTC()).run(List.of("--objstore.config={type: FILESYSTEM, config: "
        + "{directory: " + tmp + "}}", "--id=01HXXXXXXXXXXXXXXXXXXXXXXX", "--rewrite.to-delete-config="
        + "- matchers: 'rate(x[5m])'"), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("[0].matchers").contains("not a series selector");
  }

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new RewriteCommand(Clock.systemUTC()).run(List.of(args), new PrintStream(out), new PrintStream(err));
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static List<String> listing(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.forEach(p -> out.add(dir.relativize(p) + (Files.isRegularFile(p) ? ":" + p.toFile().length() : "")));
    }
    out.sort(null);
    return out;
  }
}
