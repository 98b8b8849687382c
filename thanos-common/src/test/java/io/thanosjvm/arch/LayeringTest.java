package io.thanosjvm.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rules: the library's capability packages are plain Java (only {@code io.thanosjvm.autoconfigure}
 * may use Spring), and no app module depends on another app module.
 */
class LayeringTest {

  private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.thanosjvm");

  @Test
  void corePackagesDoNotUseSpring() {
    noClasses().that().resideInAPackage("io.thanosjvm..")
        .and().resideOutsideOfPackage("io.thanosjvm.autoconfigure..")
        .should().dependOnClassesThat().resideInAPackage("org.springframework..")
        .because("capability packages are plain Java; Spring wiring lives only in io.thanosjvm.autoconfigure")
        .check(MAIN_CLASSES);
  }

  @Test
  void theRuleSeesTheLibrary() {
    // guards against an empty import making the rule above pass vacuously
    assertThat(MAIN_CLASSES.containPackage("io.thanosjvm.model")).isTrue();
    assertThat(MAIN_CLASSES.containPackage("io.thanosjvm.autoconfigure")).isTrue();
  }

  @Test
  void appModulesNeverDependOnOtherApps() throws IOException {
    Path root = projectRoot();
    List<String> violations = new ArrayList<>();
    List<Path> apps;
    try (Stream<Path> s = Files.list(root)) {
      apps = s.filter(p -> p.getFileName().toString().matches("thanos-.*-app")).toList();
    }
    assertThat(apps).as("app modules under %s", root).isNotEmpty();
    Pattern dependency = Pattern.compile("<artifactId>(thanos-[a-z-]+-app)</artifactId>");
    for (Path app : apps) {
      String pom = Files.readString(app.resolve("pom.xml"));
      String own = app.getFileName().toString();
      Matcher m = dependency.matcher(pom);
      while (m.find()) {
        if (!m.group(1).equals(own)) {
          violations.add(own + " depends on " + m.group(1));
        }
      }
    }
    assertThat(violations).isEmpty();
  }

  private static Path projectRoot() {
    String configured = System.getProperty("thanos.project.dir");
    if (configured != null && Files.isDirectory(Path.of(configured, "thanos-common"))) {
      return Path.of(configured);
    }
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
