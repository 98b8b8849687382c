package io.thanosjvm.tools.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.block.BlockDownloader;
import io.thanosjvm.block.BlockUploader;
import io.thanosjvm.block.BlockWriter;
import io.thanosjvm.block.UploadOptions;
import io.thanosjvm.block.health.IndexHealth;
import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.compact.GroupKey;
import io.thanosjvm.model.Labels;
import io.thanosjvm.objstore.filesystem.FilesystemBucket;
import io.thanosjvm.tsdb.Ulid;
import io.thanosjvm.tsdb.chunkenc.ChunkEncoding;
import io.thanosjvm.tsdb.chunkenc.XorChunkWriter;
import io.thanosjvm.tsdb.chunks.Chunk;
import io.thanosjvm.tsdb.index.ChunkMeta;
import io.thanosjvm.tsdb.testing.Promtool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bucket verify} over a filesystem bucket seeded with the problems Thanos' verifier knows: two overlapping
 * blocks of one group, a block whose index has a duplicated chunk, a prometheus/tsdb#347 outsider and a chunk
 * completely outside its range, and a compaction done twice. Verify reports them in Thanos' words and changes
 * nothing; repair replaces the broken block by a clean copy (checked by promtool) after backing it up byte for
 * byte, and marks the duplicate compaction.
 */
class VerifyCommandTest {

  private static final long T0 = 1_700_006_400_000L;
  private static final long H = 3_600_000L;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-21T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  Path bucketDir;
  Path backupDir;
  FilesystemBucket bucket;
  String objstore;
  String backupFlag;
  final Ulid ulids = new Ulid(CLOCK, new SecureRandom());
  String a;
  String b;
  String broken;
  Path brokenLocal;
  List<String> dups = new ArrayList<>();

  @BeforeEach
  void seed() throws Exception {
    bucketDir = Files.createDirectories(tmp.resolve("bucket"));
    backupDir = Files.createDirectories(tmp.resolve("backup"));
    bucket = new FilesystemBucket(bucketDir);
    objstore = "--objstore.config={type: FILESYSTEM, config: {directory: " + bucketDir + "}}";
    backupFlag = "--objstore-backup.config={type: FILESYSTEM, config: {directory: " + backupDir + "}}";
    Path local = Files.createDirectories(tmp.resolve("local"));
    a = upload(healthy(local, T0, T0 + 2 * H), Map.of("cluster", "eu"));
    b = upload(healthy(local, T0 + H, T0 + 3 * H), Map.of("cluster", "eu"));
    brokenLocal = brokenBlock(local);
    broken = upload(brokenLocal, Map.of("cluster", "us"));
    String s1 = ulids.next();
    String s2 = ulids.next();
    for (int i = 0; i < 2; i++) {
      String id = ulids.next();
      try (BlockWriter w = new BlockWriter(local, id, ThanosMeta.create(Map.of(), 0, "compactor"))) {
        addRaw(w, "up", "x", T0, 10);
        w.commit(T0, T0 + 2 * H, m -> m.withCompaction(2, List.of(s1, s2), List.of()));
      }
      dups.add(upload(local.resolve(id), Map.of("cluster", "dup")));
    }
    dups.sort(null);
  }

  @Test
  void verifyReportsOverlapsAndIndexIssuesInThanosWordsAndChangesNothing() throws Exception {
    List<String> before = listing(bucketDir);
    String out = run(0, objstore);
    String group = GroupKey.of(0, Map.of("cluster", "eu"));
    assertThat(out).contains("verifiers=overlapped_blocks,index_known_issues")
        .contains("verifier=overlapped_blocks msg=\"found overlapped blocks\" group=" + group
            + " overlap=\"[mint: " + (T0 + H) + ", maxt: " + (T0 + 2 * H) + ", range: 1h0m0s, blocks: 2]: <ulid: " + a
            + ", mint: " + T0 + ", maxt: " + (T0 + 2 * H) + ", range: 2h0m0s>, <ulid: " + b + ", mint: " + (T0 + H)
            + ", maxt: " + (T0 + 3 * H) + ", range: 2h0m0s>\"")
        .contains("group=" + GroupKey.of(0, Map.of("cluster", "dup")))
        .contains("verifier=index_known_issues msg=\"detected issue\" id=" + broken + " err=\"found 1 chunks "
            + "completely outside the block time range, found 1 chunks outside the block time range introduced by "
            + "https://github.com/prometheus/tsdb/issues/347, found 1 chunks duplicating the time range of the "
            + "previous chunk of their series\"")
        .contains("msg=\"verify task completed\"");
    assertThat(out.lines().filter(l -> l.contains("detected issue")).count()).isEqualTo(1);
    assertThat(listing(bucketDir)).isEqualTo(before);
  }

  @Test
  void repairReplacesTheBrokenBlockWithACleanCopyAfterBackingItUp() throws Exception {
    byte[] brokenMeta = Files.readAllBytes(bucketDir.resolve(broken).resolve("meta.json"));
    String out = run(0, objstore, backupFlag, "-i", "index_known_issues", "-r");
    assertThat(out).contains("GLOBAL COMPACTOR SHOULD __NOT__ BE RUNNING ON THE SAME BUCKET")
        .contains("msg=\"detected issue\" id=" + broken)
        .contains("msg=\"uploading repaired block\"").contains("msg=\"Deleting block\" id=" + broken)
        .contains("msg=\"all good, continuing\" id=" + broken);
    // the broken block left the bucket, byte for byte in the backup
    assertThat(Files.exists(bucketDir.resolve(broken))).isFalse();
    Path backedUp = backupDir.resolve(broken);
    assertThat(Files.readAllBytes(backedUp.resolve("index"))).isEqualTo(Files.readAllBytes(brokenLocal.resolve("index")));
    assertThat(Files.readAllBytes(backedUp.resolve("chunks/000001")))
        .isEqualTo(Files.readAllBytes(brokenLocal.resolve("chunks/000001")));
    assertThat(Files.readAllBytes(backedUp.resolve("meta.json"))).isEqualTo(brokenMeta);

    String repaired;
    try (Stream<Path> s = Files.list(bucketDir)) {
      repaired = s.map(p -> p.getFileName().toString())
          .filter(n -> !List.of(a, b, dups.get(0), dups.get(1)).contains(n)).findFirst().orElseThrow();
    }
    Path dl = new BlockDownloader(bucket).download(repaired, Files.createDirectories(tmp.resolve("repaired")));
    BlockMeta meta = BlockMeta.read(dl.resolve("meta.json"));
    BlockMeta old = BlockMeta.read(brokenLocal.resolve("meta.json"));
    assertThat(meta.thanos().orElseThrow().source()).isEqualTo("bucket.repair");
    assertThat(meta.thanos().orElseThrow().labels()).isEqualTo(Map.of("cluster", "us"));
    assertThat(meta.minTime()).isEqualTo(old.minTime());
    assertThat(meta.maxTime()).isEqualTo(old.maxTime());
    assertThat(meta.sources()).isEqualTo(old.sources());
    assertThat(meta.numSeries()).isEqualTo(3);
    assertThat(meta.numChunks()).isEqualTo(3);
    assertThat(meta.numSamples()).isEqualTo(30);
    assertThat(IndexHealth.gather(dl.resolve("index"), meta.minTime(), meta.maxTime()).anyError()).isEmpty();

    // promtool reads exactly the in-range samples, once each
    Path expectedDir = Files.createDirectories(tmp.resolve("expected"));
    String expectedId = ulids.next();
    try (BlockWriter w = new BlockWriter(expectedDir, expectedId, null)) {
      addRaw(w, "up", "a", T0, 10);
      addRaw(w, "up", "b", T0, 10);
      addRaw(w, "up", "c", T0, 10);
      w.commit(T0, T0 + 2 * H);
    }
    TreeSet<String> got = new TreeSet<>(List.of(Promtool.dump(dl.getParent()).split("\n")));
    assertThat(got).hasSize(30).isEqualTo(new TreeSet<>(List.of(Promtool.dump(expectedDir).split("\n"))));
    assertThat(Promtool.analyze(dl.getParent(), repaired)).contains("Series: 3");

    // a second verify finds nothing left to repair
    assertThat(run(0, objstore, "-i", "index_known_issues")).doesNotContain("detected issue");
  }

  @Test
  void duplicatedCompactionsAreBackedUpAndMarkedWhenRepairedWithADeleteDelay() throws Exception {
    String out = run(0, objstore, backupFlag, "--issues=duplicated_compaction", "--repair", "--delete-delay=1h");
    assertThat(out).contains("msg=\"found duplicated blocks\" group=" + GroupKey.of(0, Map.of("cluster", "dup")))
        .contains("kill=\"blocks: 1, [<ulid: " + dups.get(1) + ", mint: " + T0)
        .contains("msg=\"found overlapped blocks, but all of the blocks are unique. Seems like unrelated issue. "
            + "Ignoring overlap\" group=" + GroupKey.of(0, Map.of("cluster", "eu")))
        .contains("msg=\"Found duplicated blocks that are ok to be removed\" ULIDs=[" + dups.get(1) + "] num=1")
        .contains("msg=\"Marking block as deleted\" id=" + dups.get(1));
    assertThat(Files.readString(bucketDir.resolve(dups.get(1)).resolve("deletion-mark.json")))
        .contains("\"details\": \"manual verify-repair\"");
    assertThat(Files.exists(bucketDir.resolve(dups.get(0)).resolve("deletion-mark.json"))).isFalse();
    assertThat(Files.readAllBytes(backupDir.resolve(dups.get(1)).resolve("index")))
        .isEqualTo(Files.readAllBytes(bucketDir.resolve(dups.get(1)).resolve("index")));
    assertThat(Files.exists(backupDir.resolve(dups.get(1)).resolve("deletion-mark.json"))).isFalse();
  }

  @Test
  void thanosRefusalsAreKept() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // repair needs a backup bucket
    assertThat(new VerifyCommand(CLOCK).run(List.of(objstore, "-r", "-i", "index_known_issues"),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("repair is specified, so backup client is required");
    // overlapped_blocks cannot be repaired, so it is no issue ID of a repair (the default issues include it)
    err.reset();
    assertThat(new VerifyCommand(CLOCK).run(List.of(objstore, backupFlag, "-r"),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such issue ID overlapped_blocks");
    // overlap checks look at every block, never at some
    assertThat(run(1, objstore, "--id=" + a)).contains("err=\"verify overlapped_blocks: id matching is not "
        + "supported\"");
    // index checks may be limited to some blocks
    assertThat(run(0, objstore, "-i", "index_known_issues", "--id=" + a)).doesNotContain("detected issue");
  }

  private String run(int code, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int got = new VerifyCommand(CLOCK).run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    String o = out.toString(StandardCharsets.UTF_8);
    assertThat(got).as(o + err.toString(StandardCharsets.UTF_8)).isEqualTo(code);
    return o;
  }

  private Path healthy(Path dir, long min, long max) throws IOException {
    String id = ulids.next();
    try (BlockWriter w = new BlockWriter(dir, id, ThanosMeta.create(Map.of(), 0, "sidecar"))) {
      addRaw(w, "up", "a", min, 10);
      w.commit(min, max);
    }
    return dir.resolve(id);
  }

  /** Series a: its one chunk twice; b: a chunk in range, one at the block's max time, one far beyond; c: fine. */
  private Path brokenBlock(Path dir) throws IOException {
    String id = ulids.next();
    long max = T0 + 2 * H;
    try (BlockWriter w = new BlockWriter(dir, id, ThanosMeta.create(Map.of(), 0, "sidecar"))) {
      Chunk c = chunk(T0, 10);
      w.addSeriesChunks(labels("up", "a"), List.of(meta(T0, 10), meta(T0, 10)), List.of(c, c));
      w.addSeriesChunks(labels("up", "b"), List.of(meta(T0, 10), meta(max, 10), meta(max + H, 10)),
          List.of(chunk(T0, 10), chunk(max, 10), chunk(max + H, 10)));
      addRaw(w, "up", "c", T0, 10);
      w.commit(T0, max);
    }
    return dir.resolve(id);
  }

  private String upload(Path block, Map<String, String> labels) throws IOException {
    BlockMeta m = new BlockUploader(bucket, CLOCK).upload(block, new UploadOptions(labels, "sidecar", 0, true));
    return m.ulid();
  }

  private static void addRaw(BlockWriter w, String name, String job, long start, int n) throws IOException {
    long[] ts = new long[n];
    double[] vs = new double[n];
    for (int i = 0; i < n; i++) {
      ts[i] = start + i * 60_000L;
      vs[i] = i;
    }
    w.addSeries(labels(name, job), ts, vs, n);
  }

  private static Chunk chunk(long start, int n) {
    XorChunkWriter x = new XorChunkWriter();
    x.reset();
    for (int i = 0; i < n; i++) {
      x.append(start + i * 60_000L, i);
    }
    return new Chunk(ChunkEncoding.XOR, x.bytes());
  }

  private static ChunkMeta meta(long start, int n) {
    return new ChunkMeta(start, start + (n - 1) * 60_000L, 0);
  }

  private static Labels labels(String name, String job) {
    return Labels.of("__name__", name, "job", job);
  }

  private static List<String> listing(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.forEach(p -> out.add(dir.relativize(p) + (Files.isRegularFile(p) ? ":" + p.toFile().length() : "")));
    }
    out.sort(null);
    return out;
  }
}
