package io.thanosjvm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.cli.ComponentSpec;
import io.thanosjvm.cli.FlagKind;
import io.thanosjvm.cli.FlagSpec;
import io.thanosjvm.cli.FlagTable;
import io.thanosjvm.cli.FlagTranslator;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every flag of every component in the table: it translates to its property, that property is bound by a
 * {@code @ConfigurationProperties} class (so no flag is silently dropped), and the default printed in help
 * equals the bound default.
 */
class FlagTableCoverageTest {

  private static final Map<String, JsonNode> METADATA = loadMetadata();

  static Stream<Object[]> flags() {
    return FlagTable.components().values().stream()
        .flatMap(c -> c.flags().stream().map(f -> new Object[] {c.name() + " --" + f.flag(), c, f}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flags")
  void flagMapsToABoundPropertyWithTheSameDefault(String name, ComponentSpec component, FlagSpec flag) {
    if (flag.kind() == FlagKind.NOT_IMPLEMENTED) {
      return; // covered by FlagTranslatorTest: start-up fails with a clear message
    }
    String value = flag.kind() == FlagKind.BOOLEAN ? "true" : "v";
    List<String> out = new FlagTranslator(component).translate(List.of("--" + flag.flag() + "=" + value))
        .propertyArgs();
    String expected = flag.kind() == FlagKind.LIST || flag.kind() == FlagKind.COMMA_LIST
        ? "--" + flag.property() + "[0]=" + value : "--" + flag.property() + "=" + value;
    assertThat(out).containsExactly(expected);

    JsonNode meta = METADATA.get(flag.property());
    assertThat(meta).as("%s is bound by a @ConfigurationProperties class", flag.property()).isNotNull();
    assertThat(meta.path("description").asString("")).as("Javadoc of %s", flag.property()).isNotBlank();
    if (!flag.defaultValue().isEmpty()) {
      assertThat(normalize(meta.path("defaultValue").asString(""), meta.path("type").asString("")))
          .as("default of %s", flag.property())
          .isEqualTo(normalize(flag.defaultValue(), meta.path("type").asString("")));
    }
  }

  private static String normalize(String value, String type) {
    if (type.equals("java.time.Duration")) {
      Duration d = new PromDurationConverter().convert(value.isEmpty() ? "0" : value);
      return Long.toString(d.toMillis());
    }
    return value.toLowerCase();
  }

  private static Map<String, JsonNode> loadMetadata() {
    try (InputStream in = FlagTableCoverageTest.class.getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      JsonNode root = JsonMapper.builder().build().readTree(in);
      Map<String, JsonNode> byName = new HashMap<>();
      for (JsonNode p : root.path("properties")) {
        byName.put(p.path("name").asString(), p);
      }
      return byName;
    } catch (IOException e) {
      throw new IllegalStateException("configuration metadata missing: is the processor on the path?", e);
    }
  }
}
