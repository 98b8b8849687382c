package io.thanosjvm.shipper;

import io.thanosjvm.block.metadata.BlockMeta;
import io.thanosjvm.block.metadata.ThanosMeta;
import io.thanosjvm.json.GoJson;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The upload copy of a block, as Thanos makes it: {@code <tsdb>/thanos/upload/<ULID>/} holds hard links to the
 * block's chunk segments and index (so Prometheus deleting or compacting the block mid-upload does not matter)
 * and a new meta.json carrying the Thanos section (labels, source, resolution, {@code segment_files}).
 */
final class BlockStaging {

  private BlockStaging() {}

  /** The staging root {@code <tsdb>/thanos/upload}. */
  static Path root(Path tsdbDir) {
    return tsdbDir.resolve("thanos").resolve("upload");
  }

  /**
   * Stages {@code meta}'s block; returns the staged directory (named by the ULID).
   *
   * @param labels the labels for the Thanos section (already merged)
   */
  static Path stage(Path tsdbDir, BlockMeta meta, Map<String, String> labels, String source) throws IOException {
    Path src = tsdbDir.resolve(meta.ulid());
    Path dst = root(tsdbDir).resolve(meta.ulid());
    remove(dst);
    Files.createDirectories(dst.resolve("chunks"));
    List<String> segments = new ArrayList<>();
    try (Stream<Path> s = Files.list(src.resolve("chunks"))) {
      for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
        segments.add(p.getFileName().toString());
      }
    }
    for (String seg : segments) {
      Files.createLink(dst.resolve("chunks").resolve(seg), src.resolve("chunks").resolve(seg));
    }
    Files.createLink(dst.resolve("index"), src.resolve("index"));
    withThanosSection(meta, labels, source, segments).write(dst.resolve(BlockMeta.FILE_NAME));
    return dst;
  }

  @SuppressWarnings("unchecked")
  private static BlockMeta withThanosSection(BlockMeta meta, Map<String, String> labels, String source,
      List<String> segments) {
    BlockMeta base = meta.thanos().isPresent() ? meta : meta.withThanos(ThanosMeta.create(labels, 0, source));
    Map<String, Object> doc = base.document();
    Map<String, Object> thanos = (Map<String, Object>) doc.get("thanos");
    thanos.put("labels", new TreeMap<String, Object>(labels));
    thanos.put("source", source);
    if (segments.isEmpty()) {
      thanos.remove("segment_files");
    } else {
      thanos.put("segment_files", new ArrayList<Object>(segments));
    }
    return BlockMeta.parse(GoJson.write(doc), meta.ulid() + "/" + BlockMeta.FILE_NAME);
  }

  /** Deletes {@code dir} recursively; absent is fine. */
  static void remove(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
