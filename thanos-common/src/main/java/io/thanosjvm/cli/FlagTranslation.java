package io.thanosjvm.cli;

import java.util.List;

/**
 * The result of translating a command line.
 *
 * @param propertyArgs Spring-style {@code --thanos.x=value} arguments, in order
 * @param helpRequested whether {@code --help} (or {@code -h}) was given
 */
public record FlagTranslation(List<String> propertyArgs, boolean helpRequested) {

  /** Copies the list. */
  public FlagTranslation {
    propertyArgs = List.copyOf(propertyArgs);
  }

  /** The property arguments as an array for {@code SpringApplication.run}. */
  public String[] toArray() {
    return propertyArgs.toArray(new String[0]);
  }
}
