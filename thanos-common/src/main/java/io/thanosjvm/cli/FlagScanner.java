package io.thanosjvm.cli;

import io.thanosjvm.model.PromDuration;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Derives flags from {@link Flag}-annotated fields by reflection: each root's type is instantiated (its field
 * initialisers are the defaults) and its fields are walked in declaration order; a field without {@code @Flag}
 * whose type declares flags is a nested group (such as the shared objstore or HTTP server groups), walked
 * recursively under its own kebab-case name.
 */
public final class FlagScanner {

  private FlagScanner() {}

  /** The flags of the roots, in order. */
  public static List<FlagSpec> scan(List<PropertyRoot> roots) {
    List<FlagSpec> out = new ArrayList<>();
    for (PropertyRoot root : roots) {
      walk(root.prefix(), root.type(), instantiate(root.type()), out);
    }
    return out;
  }

  /** A field or group name in Spring's kebab-case, as the configuration metadata names it. */
  public static String kebab(String javaName) {
    StringBuilder sb = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c)) {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '-') {
          sb.append('-');
        }
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The default of a field's initial value, formatted as Thanos prints it ("" for none). */
  public static String format(Object value) {
    if (value == null || value instanceof Collection<?>) {
      return "";
    }
    if (value instanceof Duration d) {
      return PromDuration.format(d.toMillis());
    }
    return value.toString();
  }

  /** The kind a field's flag has. */
  public static FlagKind kind(Field field, Flag flag) {
    if (flag.notImplemented()) {
      return FlagKind.NOT_IMPLEMENTED;
    }
    Class<?> t = field.getType();
    if (t == boolean.class || t == Boolean.class) {
      return FlagKind.BOOLEAN;
    }
    if (Collection.class.isAssignableFrom(t)) {
      return flag.commaList() ? FlagKind.COMMA_LIST : FlagKind.LIST;
    }
    if (flag.commaList()) {
      throw new IllegalStateException("--" + flag.name() + ": commaList needs a List field, not " + t);
    }
    return FlagKind.SINGLE;
  }

  private static void walk(String prefix, Class<?> type, Object instance, List<FlagSpec> out) {
    for (Field field : type.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      String property = prefix + "." + kebab(field.getName());
      Flag flag = field.getAnnotation(Flag.class);
      if (flag != null) {
        Object initial = read(field, instance);
        String def = flag.defaultText().equals(Flag.FORMATTED) ? format(initial) : flag.defaultText();
        out.add(new FlagSpec(flag.name(), property, kind(field, flag), def, PropertyDescriptions.of(property),
            flag.hidden()));
      } else if (declaresFlags(field.getType())) {
        Object nested = read(field, instance);
        walk(property, field.getType(), nested != null ? nested : instantiate(field.getType()), out);
      }
    }
  }

  /** Whether a type (or a group nested in it) declares flags. */
  static boolean declaresFlags(Class<?> type) {
    if (type.isPrimitive() || type.isEnum() || type.getName().startsWith("java.")) {
      return false;
    }
    for (Field f : type.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      if (f.isAnnotationPresent(Flag.class) || (f.getType() != type && declaresFlags(f.getType()))) {
        return true;
      }
    }
    return false;
  }

  private static Object read(Field field, Object instance) {
    try {
      field.setAccessible(true);
      return field.get(instance);
    } catch (IllegalAccessException | RuntimeException e) {
      throw new IllegalStateException("cannot read the default of " + field, e);
    }
  }

  private static Object instantiate(Class<?> type) {
    try {
      var ctor = type.getDeclaredConstructor();
      ctor.setAccessible(true);
      return ctor.newInstance();
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
        | InvocationTargetException e) {
      throw new IllegalStateException(type.getName() + " needs a no-argument constructor: its field initialisers"
          + " are the flags' defaults", e);
    }
  }
}
