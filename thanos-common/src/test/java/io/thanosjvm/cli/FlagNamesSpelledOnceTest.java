package io.thanosjvm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No flag name of any component is spelled as a string literal in two places of main code (every module's
 * {@code src/main/java}): a literal equal to the name (for names with a dot, dash or underscore), or naming it as
 * {@code --name} in a message. The one place is
 * its {@link Flag} declaration (or a {@link FlagNames} constant when several declarations share the name).
 */
class FlagNamesSpelledOnceTest {

  private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

  @Test
  void eachFlagNameIsSpelledOnce() throws IOException {
    Set<String> names = new TreeSet<>();
    Components.components().values().forEach(c -> c.flags().forEach(f -> names.add(f.flag())));
    assertThat(names).hasSizeGreaterThan(100);
    Map<String, List<String>> places = new LinkedHashMap<>();
    for (Path file : mainSources()) {
      String src = Files.readString(file);
      Matcher m = LITERAL.matcher(src);
      while (m.find()) {
        String literal = m.group(1);
        for (String name : names) {
          if ((literal.equals(name) && isDistinctive(name)) || mentions(literal, "--" + name) || mentions(literal, "--[no-]" + name)) {
            places.computeIfAbsent(name, k -> new ArrayList<>()).add(file.getFileName() + ": \"" + literal + "\"");
          }
        }
      }
    }
    places.values().removeIf(l -> l.size() < 2);
    assertThat(places).as("flag names spelled more than once in main code").isEmpty();
  }

  private static boolean mentions(String literal, String flag) {
    int at = literal.indexOf(flag);
    while (at >= 0) {
      int end = at + flag.length();
      if (end == literal.length() || !isNameChar(literal.charAt(end))) {
        return true;
      }
      at = literal.indexOf(flag, at + 1);
    }
    return false;
  }

  /** Plain words ({@code endpoint}, {@code wait}) are also YAML keys and English; only their --mentions count. */
  private static boolean isDistinctive(String name) {
    return name.contains(".") || name.contains("-") || name.contains("_");
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_';
  }

  private static List<Path> mainSources() throws IOException {
    Path root = projectRoot();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path module : modules.filter(p -> p.getFileName().toString().startsWith("thanos-")).toList()) {
        Path main = module.resolve("src/main/java");
        if (Files.isDirectory(main)) {
          try (Stream<Path> s = Files.walk(main)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(files::add);
          }
        }
      }
    }
    assertThat(files).hasSizeGreaterThan(100);
    return files;
  }

  private static Path projectRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("thanos-common"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("project root (holding thanos-common/) not found");
    }
    return p;
  }
}
