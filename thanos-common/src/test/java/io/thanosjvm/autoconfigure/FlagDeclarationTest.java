package io.thanosjvm.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.cli.ComponentSpec;
import io.thanosjvm.cli.Components;
import io.thanosjvm.cli.FlagKind;
import io.thanosjvm.cli.FlagScanner;
import io.thanosjvm.cli.FlagSpec;
import io.thanosjvm.cli.FlagTranslator;
import io.thanosjvm.cli.HelpPrinter;
import io.thanosjvm.cli.PropertyRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walks every flag of every component, as {@code thanos <component> --help} prints them: the flag translates to its
 * property, the property is bound by a {@code @ConfigurationProperties} class, {@code --help} shows exactly the
 * property's description (its Javadoc, read here straight from the configuration metadata), and the default shown
 * binds to the same value as the field's initial value (so a {@code defaultText} override cannot drift).
 */
class FlagDeclarationTest {

  private static final Map<String, JsonNode> METADATA = loadMetadata();

  static Stream<Object[]> flags() {
    return Components.components().values().stream()
        .flatMap(c -> c.flags().stream().map(f -> new Object[] {c.name() + " --" + f.flag(), c, f}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flags")
  void translatesToABoundPropertyWhoseDescriptionIsTheHelpText(String name, ComponentSpec component, FlagSpec flag) {
    JsonNode meta = METADATA.get(flag.property());
    assertThat(meta).as("%s is bound by a @ConfigurationProperties class", flag.property()).isNotNull();
    String description = meta.path("description").asString("");
    assertThat(description).as("Javadoc of %s", flag.property()).isNotBlank();
    assertThat(flag.help()).isEqualTo(description);

    String help = help(component);
    String expected = "          " + description
        + (flag.kind() == FlagKind.BOOLEAN ? " Default: " + flag.defaultValue() + "." : "")
        + (flag.kind() == FlagKind.NOT_IMPLEMENTED ? "" : " [" + String.join(", ", component.properties(flag.flag()))
        + "]");
    List<String> lines = Arrays.asList(help.split("\n"));
    int at = lines.indexOf(flagLine(flag));
    assertThat(at).as("--help of %s lists %s", component.name(), flagLine(flag)).isNotNegative();
    assertThat(lines.get(at + 1)).isEqualTo(expected);

    if (flag.kind() == FlagKind.NOT_IMPLEMENTED) {
      return; // FlagTranslatorTest: giving it fails loudly
    }
    String value = flag.kind() == FlagKind.BOOLEAN ? "true" : "v";
    List<String> out = new FlagTranslator(component).translate(List.of("--" + flag.flag() + "=" + value))
        .propertyArgs();
    // its own property; in the all-in-one, every part's that declares it
    assertThat(component.properties(flag.flag())).startsWith(flag.property());
    assertThat(out).containsExactlyElementsOf(component.properties(flag.flag()).stream()
        .map(p -> flag.kind() == FlagKind.LIST || flag.kind() == FlagKind.COMMA_LIST
            ? "--" + p + "[0]=" + value : "--" + p + "=" + value).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flags")
  void defaultShownInHelpBindsToTheFieldsInitialValue(String name, ComponentSpec component, FlagSpec flag)
      throws Exception {
    if (flag.kind() == FlagKind.LIST || flag.kind() == FlagKind.COMMA_LIST) {
      assertThat(flag.defaultValue()).isEmpty(); // Thanos' repeatable flags have no default
      return;
    }
    PropertyRoot root = component.roots().stream().filter(r -> flag.property().startsWith(r.prefix() + "."))
        .findFirst().orElseThrow();
    Object initial = read(newInstance(root.type()), flag.property().substring(root.prefix().length() + 1));
    Binder binder = new Binder(List.of(new MapConfigurationPropertySource(
        Map.of(flag.property(), flag.defaultValue()))), null, conversion());
    Object bound = read(binder.bind(root.prefix(), Bindable.of(root.type())).get(),
        flag.property().substring(root.prefix().length() + 1));
    assertThat(bound).as("--%s=\"%s\" binds to the initial value of %s", flag.flag(), flag.defaultValue(),
        flag.property()).isEqualTo(initial);
  }

  @Test
  void everyComponentHasTheFlagCountsOfThanosForTheJvm() {
    Map<String, Integer> counts = new HashMap<>();
    Components.components().values().forEach(c -> counts.put(c.name(), c.flags().size()));
    // the table these annotations replaced (FlagTable at 248ec50), since grown by: query tenancy (4) and gRPC
    // client TLS (6), DNS discovery interval (1); gRPC server TLS ciphers and curves (2, not supported yet, on every
    // gRPC component); receive (52 + those 2) and rule (46 + those 2); the all-in-one: query's, receive's, store's
    // and compact's flags with the shared groups once and each flag several of them declare once (119); query's
    // series deletion (4: --web.enable-admin-api, --deletion.refresh-interval and the objstore group, which the
    // all-in-one already had); query-frontend --query-frontend.vertical-shards (1); the store's
    // --store.index-header-lazy-download-strategy (1)
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("query", 41, "tools", 0, "sidecar", 27,
        "store", 41, "compact", 39, "demo", 17, "query-frontend", 38, "receive", 54, "rule", 48, "all-in-one", 122));
  }

  @Test
  void aSingleComponentDeclaringAFlagTwiceIsAnErrorACompositeSetsEachDeclaration() {
    List<PropertyRoot> roots = List.of(new PropertyRoot("thanos.store", ThanosStoreProperties.class),
        new PropertyRoot("thanos.compact", ThanosCompactProperties.class));
    assertThatThrownBy(new ComponentSpec("twice", "", "none", roots)::flags)
        .hasMessageContaining("declares a flag twice: --");
    ComponentSpec composite = new ComponentSpec("both", "", "none", roots, true);
    assertThat(composite.flags().stream().filter(f -> f.flag().equals("data-dir"))).hasSize(1);
    assertThat(composite.properties("data-dir")).containsExactly("thanos.store.data-dir", "thanos.compact.data-dir");
  }

  private static ApplicationConversionService conversion() {
    ApplicationConversionService s = new ApplicationConversionService();
    s.addConverter(new PromDurationConverter());
    return s;
  }

  private static String flagLine(FlagSpec f) {
    if (f.kind() == FlagKind.BOOLEAN) {
      return "      --[no-]" + f.flag();
    }
    return "      --" + f.flag() + (f.defaultValue().isEmpty()
        ? (f.kind() == FlagKind.LIST || f.kind() == FlagKind.COMMA_LIST ? "=<value> ..." : "=<value>")
        : "=\"" + f.defaultValue() + "\"");
  }

  private static String help(ComponentSpec component) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    HelpPrinter.printComponent(component, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** The value at a kebab-case property path under an object, through its fields. */
  private static Object read(Object target, String path) throws IllegalAccessException {
    Object current = target;
    for (String segment : path.split("\\.")) {
      Field field = Arrays.stream(current.getClass().getDeclaredFields())
          .filter(f -> FlagScanner.kebab(f.getName()).equals(segment)).findFirst().orElseThrow(
              () -> new AssertionError("no field for " + segment + " of " + path));
      field.setAccessible(true);
      current = field.get(current);
    }
    return current;
  }

  private static Object newInstance(Class<?> type) throws ReflectiveOperationException {
    var ctor = type.getDeclaredConstructor();
    ctor.setAccessible(true);
    return ctor.newInstance();
  }

  private static Map<String, JsonNode> loadMetadata() {
    try (InputStream in = FlagDeclarationTest.class.getResourceAsStream(
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
