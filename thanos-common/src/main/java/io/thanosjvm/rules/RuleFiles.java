package io.thanosjvm.rules;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The rule files {@code --rule-file} patterns stand for, as Go's {@code filepath.Glob} expands them: a pattern
 * without wildcards is the file itself, wildcards ({@code *}, {@code ?}, {@code [...]}) match within one path
 * element; patterns matching nothing are ignored; directories are skipped. Sorted and without duplicates.
 */
public final class RuleFiles {

  private RuleFiles() {}

  /** The files matched by {@code patterns}. */
  public static List<Path> expand(List<String> patterns) throws IOException {
    TreeSet<Path> out = new TreeSet<>();
    for (String p : patterns) {
      if (!hasMeta(p)) {
        Path f = Path.of(p);
        if (Files.isRegularFile(f)) {
          out.add(f);
        }
        continue;
      }
      Path pattern = Path.of(p);
      Path base = pattern.isAbsolute() ? pattern.getRoot() : Path.of("");
      int firstMeta = 0;
      for (int i = 0; i < pattern.getNameCount(); i++) {
        if (hasMeta(pattern.getName(i).toString())) {
          firstMeta = i;
          break;
        }
        base = base.resolve(pattern.getName(i));
      }
      if (!Files.isDirectory(base.toString().isEmpty() ? Path.of(".") : base)) {
        continue;
      }
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + p);
      int depth = pattern.getNameCount() - firstMeta;
      Path start = base.toString().isEmpty() ? Path.of(".") : base;
      try (Stream<Path> s = Files.walk(start, depth)) {
        for (Path f : (Iterable<Path>) s::iterator) {
          Path candidate = base.toString().isEmpty() ? start.relativize(f) : f;
          if (Files.isRegularFile(f) && matcher.matches(candidate)) {
            out.add(candidate);
          }
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static boolean hasMeta(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }
}
