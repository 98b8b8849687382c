package io.thanosjvm.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.tsdb.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexRoundTripTest {

  @TempDir
  Path tmp;

  @Test
  void readerFindsEverySymbolValueAndPostingsListAcrossSamplingBoundaries() throws Exception {
    List<Labels> series = new ArrayList<>();
    TreeSet<String> symbols = new TreeSet<>(Utf8Order.COMPARATOR);
    for (int i = 0; i < 500; i++) {
      Labels l = Labels.of("__name__", "m" + (i % 3), "id", String.format("%04d", i), "mod", "v" + (i % 70),
          "uni", i % 2 == 0 ? "ä𝄞" : "\uE000");
      series.add(l);
      l.forEach(x -> {
        symbols.add(x.name());
        symbols.add(x.value());
      });
    }
    series.sort(null);
    Path file = tmp.resolve("index");
    List<Long> refs = new ArrayList<>();
    try (IndexWriter w = new IndexWriter(file, new ArrayList<>(symbols))) {
      long t = 0;
      for (Labels l : series) {
        refs.add(w.addSeries(l, List.of(new ChunkMeta(t, t + 100, 8 + t), new ChunkMeta(t + 200, t + 300, 1000 + t))));
        t += 7;
      }
    }
    try (IndexReader r = IndexReader.open(file)) {
      assertThat(r.symbols()).containsExactlyElementsOf(symbols);
      assertThat(r.labelNames()).containsExactly("__name__", "id", "mod", "uni");
      assertThat(r.labelValues("id")).hasSize(500).isSorted();
      assertThat(r.labelValues("mod")).hasSize(70);
      assertThat(r.labelValues("nope")).isEmpty();
      assertThat(r.allPostings()).hasSize(500);
      for (int i = 0; i < series.size(); i++) {
        SeriesEntry e = r.series(refs.get(i));
        assertThat((Object) e.labels()).isEqualTo(series.get(i));
        assertThat(e.chunks()).hasSize(2);
        assertThat(e.chunks().get(1).maxTime() - e.chunks().get(1).minTime()).isEqualTo(100);
      }
      for (String v : r.labelValues("mod")) {
        int[] p = r.postings("mod", v);
        assertThat(p).isNotEmpty();
        for (int ref : p) {
          assertThat(r.series(ref).labels().get("mod")).isEqualTo(v);
        }
      }
      for (String v : r.labelValues("id")) {
        assertThat(r.postings("id", v)).hasSize(1);
      }
      assertThat(r.postings("id", "9999")).isEmpty();
      assertThat(r.postings("id", "0000a")).isEmpty();
      assertThat(r.postings("uni", "ä𝄞")).hasSize(250);
    }
  }

  @Test
  void rewritingAPromtoolIndexWithOurWriterGivesIdenticalBytes() throws Exception {
    Path data = tmp.resolve("prom");
    Promtool.makeBlocks(data, "--series", "200", "--hours", "2", "--step", "60", "--seed", "9", "--special");
    for (Path block : Promtool.blocks(data)) {
      Path original = block.resolve("index");
      Path copy = tmp.resolve("index-" + block.getFileName());
      try (IndexReader r = IndexReader.open(original);
          IndexWriter w = new IndexWriter(copy, r.symbols())) {
        for (int ref : r.allPostings()) {
          SeriesEntry e = r.series(ref);
          assertThat(w.addSeries(e.labels(), e.chunks())).isEqualTo(ref);
        }
      }
      assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(original));
    }
  }
}
