package io.thanosjvm.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The flag names Thanos gives a component, read from the shared reference ({@code thanos-facts.md}): the flags
 * common to every long-running component (section 1.0) plus the component's own sections. Used for components
 * that this build does not declare yet (receive and rule are being built on other branches): once a component is
 * in the {@code ComponentCatalog}, {@link ChartFlagsTest} feeds its args to the real parser instead.
 */
final class FactsFlagCatalogue {

  /** The headings (prefixes) whose flags a component takes, besides section 1.0. */
  static final Map<String, List<String>> SECTIONS = Map.of(
      "receive", List.of("### 1.8 ", "## 8. "),
      "rule", List.of("### 1.5 ", "## 9. "));

  private static final Pattern FLAG = Pattern.compile("`--(\\[no-])?([a-z0-9][a-z0-9_.-]*[a-z0-9])(\\(-file\\))?[=` ]");

  private FactsFlagCatalogue() {}

  static Path factsFile() {
    String shared = System.getProperty("thanos.shared.dir");
    Path dir = shared != null ? Path.of(shared) : ChartFixture.projectDir().resolve("../shared");
    Path f = dir.resolve("reference/thanos-facts.md");
    if (!Files.isRegularFile(f)) {
      throw new IllegalStateException("the Thanos facts reference is missing: " + f);
    }
    return f;
  }

  /** Every flag name (without dashes; {@code no-x} forms included for {@code --[no-]x}) of a component. */
  static Set<String> flags(String component) {
    List<String> headings = SECTIONS.get(component);
    if (headings == null) {
      throw new IllegalArgumentException("no facts sections listed for component " + component);
    }
    List<String> all = new ArrayList<>(headings);
    all.add("### 1.0 ");
    Set<String> flags = new TreeSet<>();
    for (String heading : all) {
      Matcher m = FLAG.matcher(section(heading));
      while (m.find()) {
        String name = m.group(2);
        flags.add(name);
        if (m.group(1) != null) {
          flags.add("no-" + name);
        }
        if (m.group(3) != null) {
          flags.add(name + "-file");
        }
      }
    }
    if (flags.size() < 20) {
      throw new IllegalStateException("only " + flags.size() + " flags found for " + component + " in "
          + factsFile() + ": the reference changed shape");
    }
    return flags;
  }

  /** The text of a section: from its heading to the next heading of the same or a higher level. */
  static String section(String heading) {
    String text;
    try {
      text = Files.readString(factsFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int start = text.indexOf("\n" + heading);
    if (start < 0) {
      throw new IllegalStateException("no section '" + heading.trim() + "' in " + factsFile());
    }
    String level = heading.substring(0, heading.indexOf(' ') + 1);
    int end = text.length();
    for (String h : List.of("\n## ", "\n### ")) {
      if (h.length() - 1 > level.length()) {
        continue; // a deeper heading does not end the section
      }
      int next = text.indexOf(h, start + 1);
      if (next > 0 && next < end) {
        end = next;
      }
    }
    return text.substring(start, end);
  }
}
