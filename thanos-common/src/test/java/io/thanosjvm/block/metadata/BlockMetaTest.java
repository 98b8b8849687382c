package io.thanosjvm.block.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.tsdb.InvalidMetaException;
import io.thanosjvm.tsdb.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockMetaTest {

  @TempDir
  Path tmp;

  @Test
  void promtoolMetaJsonIsRewrittenByteForByte() throws Exception {
    Path data = tmp.resolve("prom");
    Promtool.makeBlocks(data, "--series", "20", "--hours", "1", "--seed", "4");
    for (Path b : Promtool.blocks(data)) {
      String original = Files.readString(b.resolve("meta.json"));
      BlockMeta m = BlockMeta.read(b.resolve("meta.json"));
      assertThat(m.toJson()).isEqualTo(original);
      assertThat(m.compactionLevel()).isEqualTo(1);
      assertThat(m.sources()).containsExactly(m.ulid());
      assertThat(m.thanos()).isEmpty();
    }
    Path withThanos = tmp.resolve("thanos");
    Promtool.makeBlocks(withThanos, "--series", "20", "--hours", "1", "--seed", "4", "--thanos-labels",
        "cluster=eu1,replica=0");
    for (Path b : Promtool.blocks(withThanos)) {
      BlockMeta m = BlockMeta.read(b.resolve("meta.json"));
      assertThat(m.thanos().orElseThrow().labels()).isEqualTo(Map.of("cluster", "eu1", "replica", "0"));
      assertThat(m.thanos().orElseThrow().source()).isEqualTo("test");
      assertThat(m.numSeries()).isEqualTo(20);
    }
  }

  @Test
  void freshMetaWithThanosSectionIsWrittenLikeGoMarshalIndent() {
    String ulid = "01HZX1K3M4N5P6Q7R8S9T0V1W2";
    BlockMeta m = BlockMeta.create(ulid, 1000, 7201000, 10, 2, 0)
        .withThanos(ThanosMeta.create(Map.of("b", "2", "a", "<1>"), 0, "generator")
            .withFiles(List.of(new BlockFile("index", 99, null, null), new BlockFile("chunks/000001", 5, null, null),
                new BlockFile("meta.json", 0, null, null)))
            .withIndexStats(48, 0));
    assertThat(m.toJson()).isEqualTo("""
        {
        \t"ulid": "01HZX1K3M4N5P6Q7R8S9T0V1W2",
        \t"minTime": 1000,
        \t"maxTime": 7201000,
        \t"stats": {
        \t\t"numSamples": 10,
        \t\t"numSeries": 2
        \t},
        \t"compaction": {
        \t\t"level": 1,
        \t\t"sources": [
        \t\t\t"01HZX1K3M4N5P6Q7R8S9T0V1W2"
        \t\t]
        \t},
        \t"version": 1,
        \t"thanos": {
        \t\t"version": 1,
        \t\t"labels": {
        \t\t\t"a": "\\u003c1\\u003e",
        \t\t\t"b": "2"
        \t\t},
        \t\t"downsample": {
        \t\t\t"resolution": 0
        \t\t},
        \t\t"source": "generator",
        \t\t"files": [
        \t\t\t{
        \t\t\t\t"rel_path": "chunks/000001",
        \t\t\t\t"size_bytes": 5
        \t\t\t},
        \t\t\t{
        \t\t\t\t"rel_path": "index",
        \t\t\t\t"size_bytes": 99
        \t\t\t},
        \t\t\t{
        \t\t\t\t"rel_path": "meta.json"
        \t\t\t}
        \t\t],
        \t\t"index_stats": {
        \t\t\t"series_max_size": 48
        \t\t},
        \t\t"upload_time": "0001-01-01T00:00:00Z"
        \t}
        }""");
  }

  @Test
  void unknownKeysSurviveARewriteAndKnownKeysAreReordered() {
    String in = """
        {"version":1,"zzz":{"x":[1,2.5,true,null]},"ulid":"01HZX1K3M4N5P6Q7R8S9T0V1W2","minTime":1,"maxTime":2,
         "thanos":{"labels":{},"downsample":{"resolution":300000},"source":"compactor","future":"yes",
         "rewrites":[{"sources":["01HZX1K3M4N5P6Q7R8S9T0V1W2"]}],"extensions":{"parquet_migrated":true}}}""";
    BlockMeta m = BlockMeta.parse(in, "meta.json");
    String out = m.withStats(5, 1, 1).toJson();
    assertThat(out).startsWith("{\n\t\"ulid\"").contains("\"zzz\": {\n\t\t\"x\": [\n\t\t\t1,\n\t\t\t2.5,\n\t\t\ttrue,\n\t\t\tnull")
        .contains("\"future\": \"yes\"").contains("\"parquet_migrated\": true").doesNotEndWith("\n");
    assertThat(out.indexOf("\"version\": 1")).isLessThan(out.indexOf("\"thanos\""));
    assertThat(m.thanos().orElseThrow().resolution()).isEqualTo(300000);
    assertThat(BlockMeta.parse(out, "again").toJson()).isEqualTo(out);
  }

  @Test
  void badMetaFilesAreRejectedWithTypedErrors() {
    assertThatThrownBy(() -> BlockMeta.parse("{\"ulid\":\"01HZX1K3M4N5P6Q7R8S9T0V1W2\",\"minTime\":1,\"maxTime\":2,"
        + "\"version\":2}", "b/meta.json")).isInstanceOf(InvalidMetaException.class)
        .hasMessageContaining("b/meta.json").hasMessageContaining("version 2");
    assertThatThrownBy(() -> BlockMeta.parse("{\"ulid\": \"01HZX", "c/meta.json"))
        .isInstanceOf(InvalidMetaException.class).hasMessageContaining("c/meta.json at offset");
    assertThatThrownBy(() -> BlockMeta.parse("[]", "d")).isInstanceOf(InvalidMetaException.class);
    assertThatThrownBy(() -> BlockMeta.parse("{\"ulid\":\"nope\",\"minTime\":1,\"maxTime\":2,\"version\":1}", "e"))
        .isInstanceOf(InvalidMetaException.class).hasMessageContaining("ulid");
    assertThatThrownBy(() -> BlockMeta.parse("{\"ulid\":\"01HZX1K3M4N5P6Q7R8S9T0V1W2\",\"minTime\":1,\"maxTime\":2,"
        + "\"version\":1,\"thanos\":{\"version\":2}}", "f")).isInstanceOf(InvalidMetaException.class);
    assertThatThrownBy(() -> BlockMeta.parse("[".repeat(100_000), "deep")).isInstanceOf(InvalidMetaException.class);
  }

  @Test
  void markersRoundTripAndRejectOtherVersions() throws Exception {
    Marker del = new Marker(MarkerKind.DELETION, "01HZX1K3M4N5P6Q7R8S9T0V1W2", "", 1700000000, null);
    assertThat(del.toJson()).isEqualTo("{\n\t\"id\": \"01HZX1K3M4N5P6Q7R8S9T0V1W2\",\n\t\"version\": 1,\n"
        + "\t\"deletion_time\": 1700000000\n}");
    Marker nc = new Marker(MarkerKind.NO_COMPACT, "01HZX1K3M4N5P6Q7R8S9T0V1W2", "too big", 1700000001, "manual");
    assertThat(nc.toJson()).isEqualTo("{\n\t\"id\": \"01HZX1K3M4N5P6Q7R8S9T0V1W2\",\n\t\"version\": 1,\n"
        + "\t\"details\": \"too big\",\n\t\"no_compact_time\": 1700000001,\n\t\"reason\": \"manual\"\n}");
    nc.write(tmp);
    assertThat(Marker.read(tmp, MarkerKind.NO_COMPACT)).isEqualTo(nc);
    Marker nd = new Marker(MarkerKind.NO_DOWNSAMPLE, "01HZX1K3M4N5P6Q7R8S9T0V1W2", "", 5, "manual");
    assertThat(Marker.parse(MarkerKind.NO_DOWNSAMPLE, nd.toJson(), "x")).isEqualTo(nd);
    assertThatThrownBy(() -> Marker.parse(MarkerKind.DELETION,
        "{\"id\":\"01HZX1K3M4N5P6Q7R8S9T0V1W2\",\"version\":2,\"deletion_time\":1}", "deletion-mark.json"))
        .isInstanceOf(InvalidMetaException.class).hasMessageContaining("deletion-mark.json");
  }
}
