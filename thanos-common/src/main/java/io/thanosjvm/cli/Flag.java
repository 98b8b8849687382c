package io.thanosjvm.cli;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Attaches a Thanos command-line flag to the one declaration of a setting: a field of a configuration properties
 * class. Everything else about the flag derives from that field: the property it sets (the field's path in
 * Spring's kebab-case under its root), its help text (the field's Javadoc, read from the configuration metadata
 * the annotation processor writes), its default (the field's initial value) and, unless said otherwise, its kind
 * ({@code boolean} → a bool flag, a {@code List} → repeatable, anything else → single-valued).
 *
 * <p>Plain Java: no Spring needed to read it ({@link FlagScanner} walks the fields by reflection).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Flag {

  /** Marker of {@link #defaultText()} meaning "format the field's initial value". */
  String FORMATTED = "\u0000formatted";

  /** The flag name without dashes, exactly as Thanos spells it (e.g. {@code query.timeout}). */
  String name();

  /** A repeatable flag whose values may also be comma-separated lists (e.g. {@code --query.replica-label}). */
  boolean commaList() default false;

  /**
   * A real Thanos flag this implementation does not support yet: giving it fails start-up with a message
   * saying so, rather than being ignored.
   */
  boolean notImplemented() default false;

  /** Accepted but left out of {@code --help}, like kingpin's {@code Hidden()}. */
  boolean hidden() default false;

  /**
   * The default exactly as Thanos prints it, when formatting the initial value would print it differently
   * ({@code 48h} rather than {@code 2d}). {@code FlagDeclarationTest} proves it binds to the field's initial
   * value.
   */
  String defaultText() default FORMATTED;
}
