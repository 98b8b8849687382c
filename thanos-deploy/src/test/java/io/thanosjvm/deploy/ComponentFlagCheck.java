package io.thanosjvm.deploy;

import io.thanosjvm.autoconfigure.PromDurationConverter;
import io.thanosjvm.cli.ComponentSpec;
import io.thanosjvm.cli.Components;
import io.thanosjvm.cli.PropertyRoot;
import io.thanosjvm.cli.ThanosCommandLine;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Checks a container's {@code thanos <component> --flag...} command line the way the component would: through the
 * component's own flag parser ({@link ThanosCommandLine#prepare}, what {@code bin/thanos <component>} runs) and the
 * binding and validation of the resulting {@code thanos.*} properties into the component's properties types (what
 * Spring does at start-up). Components this build does not declare yet are checked against the flag names of the
 * Thanos reference ({@link FactsFlagCatalogue}); the check switches to the real parser as soon as the component
 * appears in the catalogue.
 */
final class ComponentFlagCheck {

  private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

  private ComponentFlagCheck() {}

  /** How a command line was checked. */
  enum Via { PARSER, FACTS }

  /** Whether the build declares the component (so its real parser exists). */
  static boolean declared(String component) {
    return Components.components().containsKey(component);
  }

  /**
   * Checks one command line.
   *
   * @param component the sub-command, e.g. {@code store}
   * @param args the arguments after it
   * @return how it was checked
   * @throws AssertionError naming the component and the parser's message when it is refused
   */
  static Via check(String component, List<String> args) {
    if (declared(component)) {
      parse(component, args);
      return Via.PARSER;
    }
    checkAgainstFacts(component, args);
    return Via.FACTS;
  }

  private static void parse(String component, List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int[] exit = {-1};
    String[] props = ThanosCommandLine.prepare(component, args.toArray(new String[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), exit);
    if (props == null) {
      throw new AssertionError("thanos " + component + " refuses " + args + " (exit " + exit[0] + "): "
          + err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8));
    }
    bind(component, props);
  }

  private static void bind(String component, String[] propertyArgs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String a : propertyArgs) {
      int eq = a.indexOf('=');
      map.put(a.substring(2, eq), a.substring(eq + 1));
    }
    ApplicationConversionService conversion = new ApplicationConversionService();
    conversion.addConverter(new PromDurationConverter());
    Binder binder = new Binder(List.of(new MapConfigurationPropertySource(map)), null, conversion);
    ComponentSpec spec = Components.component(component);
    for (PropertyRoot root : spec.roots()) {
      try {
        binder.bindOrCreate(root.prefix(), org.springframework.boot.context.properties.bind.Bindable.of(root.type()),
            new ValidationBindHandler(new SpringValidatorAdapter(VALIDATION.getValidator())));
      } catch (RuntimeException e) {
        StringBuilder causes = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
          causes.append(" / ").append(t.getMessage());
        }
        throw new AssertionError("thanos " + component + ": the properties " + map + " do not bind to "
            + root.type().getSimpleName() + causes, e);
      }
    }
  }

  private static void checkAgainstFacts(String component, List<String> args) {
    Set<String> known = FactsFlagCatalogue.flags(component);
    List<String> unknown = new ArrayList<>();
    for (String a : args) {
      if (!a.startsWith("--")) {
        throw new AssertionError("thanos " + component + ": unexpected argument '" + a + "' (flags look like --x=y)");
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
      if (eq > 0 && a.length() == eq + 1) {
        throw new AssertionError("thanos " + component + ": flag --" + name + " has an empty value");
      }
      if (!known.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new AssertionError("thanos " + component + " (not declared in this build yet; checked against "
          + FactsFlagCatalogue.factsFile() + "): unknown flags " + unknown + "; known: " + known);
    }
  }
}
