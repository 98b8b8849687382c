package io.thanosjvm.tools.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.block.TestBlocks;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.tools.tsdb.DumpCommand;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bucket tools end to end against one provider: generated blocks uploaded with {@code upload-blocks},
 * listed with {@code ls}, shown by {@code inspect}, marked with {@code mark}, and downloaded copies dumping
 * exactly like the originals.
 */
abstract class BucketToolsContract {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-21T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  List<BlockMeta> generated;
  Path data;

  /** The objstore flag selecting a fresh, empty bucket of the provider under test. */
  abstract String objstoreFlag() throws Exception;

  /** The same bucket opened directly. */
  abstract Bucket openBucket() throws Exception;

  String flag;

  @BeforeEach
  void generate() throws Exception {
    data = tmp.resolve("data");
    generated = TestBlocks.generate(data, 20, 6, Map.of());
    flag = objstoreFlag();
  }

  record Result(int code, String out, String err) {}

  static Result run(String command, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    List<String> a = Arrays.asList(args);
    int code = switch (command) {
      case "ls" -> new LsCommand(CLOCK).run(a, o, e);
      case "inspect" -> new InspectCommand(CLOCK).run(a, o, e);
      case "upload-blocks" -> new UploadBlocksCommand(CLOCK).run(a, o, e);
      case "mark" -> new MarkCommand(CLOCK).run(a, o, e);
      case "cleanup" -> new CleanupCommand(Clock.offset(CLOCK, Duration.ofHours(49))).run(a, o, e);
      case "retention" -> new RetentionCommand(CLOCK).run(a, o, e);
      case "dump" -> new DumpCommand().run(a, o, e);
      default -> throw new IllegalArgumentException(command);
    };
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  List<String> ids() {
    return generated.stream().map(BlockMeta::ulid).sorted().toList();
  }

  Result upload(Path dir) {
    return run("upload-blocks", flag, "--path=" + dir, "--label=cluster=\"eu1\"", "--label=replica=\"a \\\"b\\\"\"");
  }

  @Test
  void uploadedBlocksAreListedAndInspected() throws Exception {
    Result up = upload(data);
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out().lines()).containsExactlyElementsOf(ids().stream().map(id -> "uploaded " + id).toList());
    assertThat(upload(data).out().lines())
        .allMatch(l -> l.startsWith("skipped ") && l.endsWith("already in the bucket"));

    Result ls = run("ls", flag);
    assertThat(ls.code()).as(ls.err()).isZero();
    assertThat(ls.out().lines()).containsExactlyElementsOf(ids());

    Result wide = run("ls", flag, "-o", "wide");
    BlockMeta first = generated.get(0);
    assertThat(wide.out().lines()).contains(first.ulid() + " -- 2024-06-20T00:00:00Z - 2024-06-20T02:00:00Z"
        + " Diff: 2h0m0s, Compaction: 1, Downsample: 0, Source: bucket.upload");

    Result json = run("ls", flag, "--output=json");
    List<BlockMeta> metas = new ArrayList<>();
    for (String doc : json.out().split("(?<=\n})\n")) {
      metas.add(BlockMeta.parse(doc, "ls output"));
    }
    assertThat(metas).extracting(BlockMeta::ulid).containsExactlyElementsOf(ids());
    assertThat(metas.get(0).thanos().orElseThrow().labels())
        .containsExactly(Map.entry("cluster", "eu1"), Map.entry("replica", "a \"b\""));

    Result inspect = run("inspect", flag);
    assertThat(inspect.code()).as(inspect.err()).isZero();
    List<String> lines = inspect.out().lines().toList();
    assertThat(lines).hasSize(2 + generated.size());
    assertThat(lines.get(0).split("\\|")).extracting(String::strip).containsSubsequence("ULID", "FROM", "UNTIL",
        "RANGE", "UNTIL-DOWN", "#SERIES", "#SAMPLES", "#CHUNKS", "COMP-LEVEL", "COMP-FAILED", "LABELS", "RESOLUTION",
        "SOURCE");
    List<String> row = Arrays.stream(lines.get(2).split("\\|")).map(String::strip).skip(1).toList();
    assertThat(row).containsExactly(first.ulid(), "2024-06-20T00:00:00Z", "2024-06-20T02:00:00Z", "2h0m0s",
        "38h0m0s", String.format("%,d", first.numSeries()), String.format("%,d", first.numSamples()),
        String.format("%,d", first.numChunks()), "1", "false", "cluster=eu1,replica=a \"b\"", "0s",
        "bucket.upload");

    Result csv = run("inspect", flag, "--output=csv");
    assertThat(csv.out().lines().skip(1).map(l -> l.split(",")[0])).containsExactlyElementsOf(ids());
  }

  @Test
  void downloadedCopiesDumpExactlyLikeTheOriginals() throws Exception {
    assertThat(upload(data).code()).isZero();
    Path copy = tmp.resolve("copy");
    try (Bucket bucket = openBucket()) {
      for (String id : ids()) {
        new BlockDownloader(bucket).download(id, copy);
      }
    }
    Result original = run("dump", data.toString());
    Result downloaded = run("dump", copy.toString());
    assertThat(original.code()).isZero();
    assertThat(original.out().lines().count()).isEqualTo(generated.stream().mapToLong(BlockMeta::numSamples).sum());
    assertThat(downloaded.out()).isEqualTo(original.out());
  }

  @Test
  void markedBlocksAreExcludedFromLsOnRequest() throws Exception {
    assertThat(upload(data).code()).isZero();
    String id = ids().get(0);
    Result mark = run("mark", flag, "--id=" + id, "--marker=deletion-mark.json", "--details=retired");
    assertThat(mark.code()).as(mark.err()).isZero();
    assertThat(mark.out()).isEqualTo("marked " + id + "\n");
    assertThat(run("mark", flag, "--id=" + id, "--marker=deletion-mark.json", "--details=x").out())
        .isEqualTo("already marked " + id + "\n");
    assertThat(run("ls", flag).out().lines()).containsExactlyElementsOf(ids());
    assertThat(run("ls", flag, "--exclude-delete").out().lines()).containsExactlyElementsOf(ids().subList(1, 3));
    assertThat(run("mark", flag, "--id=" + id, "--marker=deletion-mark.json", "--remove").out())
        .isEqualTo("removed " + id + "\n");
    assertThat(run("ls", flag, "--exclude-delete").out().lines()).containsExactlyElementsOf(ids());
  }

  @Test
  void cleanupDeletesBlocksMarkedLongerThanTheDeleteDelayAndNothingElse() throws Exception {
    assertThat(upload(data).code()).isZero();
    String id = ids().get(0);
    assertThat(run("mark", flag, "--id=" + id, "--marker=deletion-mark.json", "--details=retired").code()).isZero();
    // the cleanup runs 49h after the mark was written
    Result early = run("cleanup", flag, "--delete-delay=72h");
    assertThat(early.code()).as(early.err()).isZero();
    assertThat(early.out()).isEqualTo("cleanup done: 0 block(s) deleted\n");
    assertThat(run("ls", flag).out().lines()).containsExactlyElementsOf(ids());
    Result done = run("cleanup", flag);
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out()).isEqualTo("deleted " + id + "\ncleanup done: 1 block(s) deleted\n");
    assertThat(run("ls", flag).out().lines()).containsExactlyElementsOf(ids().subList(1, 3));
    try (Bucket b = openBucket()) {
      List<String> left = new ArrayList<>();
      b.iter(id, left::add, IterOptions.allObjects());
      assertThat(left).as("every object of the block is gone, the mark last").isEmpty();
    }
    assertThat(run("cleanup", flag, "--delete-delay=soon").code()).isEqualTo(2);
  }

  @Test
  void retentionMarksOnlyBlocksPastTheRetentionOfTheirResolution() throws Exception {
    assertThat(upload(data).code()).isZero();
    // blocks end at 02:00, 04:00 and 06:00 on 2024-06-20; the clock says 2024-06-21T00:00
    Result none = run("retention", flag);
    assertThat(none.out()).as("zero keeps everything").isEqualTo("retention applied: 0 block(s) marked for deletion\n");
    Result r = run("retention", flag, "--retention.resolution-raw=20h", "--retention.resolution-5m=1d");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("marked " + ids().get(0) + " for deletion\n"
        + "retention applied: 1 block(s) marked for deletion\n");
    assertThat(run("ls", flag, "--exclude-delete").out().lines()).containsExactlyElementsOf(ids().subList(1, 3));
    assertThat(run("retention", flag, "--retention.resolution-raw=-1h").code()).isEqualTo(2);
  }

  @Test
  void uploadWithoutExternalLabelsIsRefused() throws Exception {
    Result r = run("upload-blocks", flag, "--path=" + data);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no external labels");
    assertThat(run("ls", flag).out()).isEmpty();
  }

  @Test
  void badMarkInvocationsFail() throws Exception {
    assertThat(upload(data).code()).isZero();
    String id = ids().get(0);
    assertThat(run("mark", flag, "--id=" + id, "--marker=no-compact-mark.json").code()).isEqualTo(2);
    assertThat(run("mark", flag, "--id=" + id, "--marker=other.json", "--details=x").code()).isEqualTo(2);
    Result missing = run("mark", flag, "--id=01ARZ3NDEKTSV4RRFFQ69G5FAV", "--marker=no-compact-mark.json",
        "--details=x");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("not found");
  }

  @Test
  void promtoolBlocksSurviveTheRoundTripByPromtoolsOwnDump() throws Exception {
    Path prom = tmp.resolve("prom");
    Promtool.makeBlocks(prom, "--series", "40", "--hours", "4", "--step", "60", "--seed", "5", "--special");
    List<Path> blocks = Promtool.blocks(prom);
    Result up = run("upload-blocks", flag, "--path=" + prom, "--label=cluster=\"eu1\"");
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(up.out().lines()).hasSize(blocks.size()).allMatch(l -> l.startsWith("uploaded "));
    Result inspect = run("inspect", flag);
    assertThat(inspect.code()).as(inspect.err()).isZero();
    for (Path b : blocks) {
      assertThat(inspect.out()).contains(b.getFileName().toString());
    }
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
