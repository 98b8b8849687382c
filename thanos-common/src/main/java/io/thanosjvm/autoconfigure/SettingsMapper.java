package io.thanosjvm.autoconfigure;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a library settings record (such as {@code compact.CompactorSettings}) from a configuration properties object,
 * so that no app copies values by hand: the properties fields are named as the record's components.
 *
 * <p>Each record component {@code x} takes, in this order: a value given in {@code extra} (for values that need
 * run-time context, such as a clock for relative times); or the properties object's public no-argument method
 * {@code x()}, {@code getX()} or {@code isX()}, looked up on the object and then, depth first, on its nested
 * property groups (their getters returning types of the same package). A value is converted when its type differs:
 * a {@code String} becomes a {@link Path}, or any type with a static {@code parse(String)} factory (such as
 * {@code block.HashFunc}). A component with no value, or one that cannot be converted, is a programming error
 * reported with the component's name ({@code SettingsMapperTest} maps every settings record from its default
 * properties, so such an error fails the build). The record's own validation runs in its constructor; its message
 * is prefixed with the properties prefix, so start-up fails naming the property group.
 */
public final class SettingsMapper {

  private SettingsMapper() {}

  /** Maps {@code source} onto {@code type}, with no extra values. */
  public static <R extends Record> R map(Object source, Class<R> type, String prefix) {
    return map(source, type, prefix, Map.of());
  }

  /**
   * Maps {@code source} onto {@code type}.
   *
   * @param source the properties object (or one of its groups)
   * @param type the settings record
   * @param prefix the properties prefix, named in validation errors (e.g. {@code thanos.compact})
   * @param extra values of components that need run-time context, by component name
   * @throws IllegalArgumentException when the record rejects the values, prefixed with {@code prefix}
   * @throws IllegalStateException when a component has no value or its value cannot be converted
   */
  public static <R extends Record> R map(Object source, Class<R> type, String prefix, Map<String, ?> extra) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      Object value = extra.containsKey(c.getName()) ? extra.get(c.getName())
          : find(source, c.getName()).orElseThrow(() -> new IllegalStateException(type.getSimpleName() + "."
              + c.getName() + ": no property " + c.getName() + " in " + source.getClass().getName()
              + " or its groups"));
      args[i] = convert(value, c.getType(), type.getSimpleName() + "." + c.getName());
    }
    try {
      Constructor<R> ctor = type.getDeclaredConstructor(types);
      return ctor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException iae) {
        throw new IllegalArgumentException(prefix + ": " + iae.getMessage(), iae);
      }
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct " + type.getName(), e);
    }
  }

  /** The names of the components of {@code type} that {@code source} cannot supply (empty when it covers all). */
  public static List<String> uncovered(Object source, Class<? extends Record> type, Map<String, ?> extra) {
    List<String> missing = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      if (!extra.containsKey(c.getName()) && find(source, c.getName()).isEmpty()) {
        missing.add(c.getName());
      }
    }
    return missing;
  }

  private static Optional<Object> find(Object source, String name) {
    String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (String candidate : List.of(name, "get" + cap, "is" + cap)) {
      Method m = publicNoArg(source.getClass(), candidate);
      if (m != null) {
        return Optional.ofNullable(invoke(m, source));
      }
    }
    for (Method m : source.getClass().getMethods()) {
      if (m.getParameterCount() == 0 && m.getName().startsWith("get") && !Modifier.isStatic(m.getModifiers())
          && m.getReturnType().getPackage() == source.getClass().getPackage() && !m.getReturnType().isEnum()) {
        Object group = invoke(m, source);
        if (group != null) {
          Optional<Object> nested = find(group, name);
          if (nested.isPresent()) {
            return nested;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Method publicNoArg(Class<?> type, String name) {
    try {
      Method m = type.getMethod(name);
      return Modifier.isStatic(m.getModifiers()) || m.getReturnType() == void.class ? null : m;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static Object invoke(Method m, Object target) {
    try {
      return m.invoke(target);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + m, e);
    }
  }

  private static Object convert(Object value, Class<?> target, String what) {
    Class<?> boxed = box(target);
    if (value == null || boxed.isInstance(value)) {
      return value;
    }
    if (value instanceof String s) {
      if (target == Path.class) {
        return Path.of(s);
      }
      try {
        Method parse = target.getMethod("parse", String.class);
        if (Modifier.isStatic(parse.getModifiers()) && target.isAssignableFrom(parse.getReturnType())) {
          return parse.invoke(null, s);
        }
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
      } catch (NoSuchMethodException | IllegalAccessException e) {
        // fall through to the error below
      }
    }
    throw new IllegalStateException(what + ": cannot convert " + value.getClass().getName() + " to "
        + target.getName());
  }

  private static Class<?> box(Class<?> t) {
    if (!t.isPrimitive()) {
      return t;
    }
    return switch (t.getName()) {
      case "int" -> Integer.class;
      case "long" -> Long.class;
      case "boolean" -> Boolean.class;
      case "double" -> Double.class;
      case "float" -> Float.class;
      case "short" -> Short.class;
      case "byte" -> Byte.class;
      default -> Character.class;
    };
  }
}
