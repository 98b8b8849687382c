package io.thanosjvm.cli;

import java.util.List;

/**
 * Where the {@code thanos <component>} list is declared, found with {@link java.util.ServiceLoader} (registered in
 * {@code META-INF/services/io.thanosjvm.cli.ComponentCatalog}). The declaration needs the configuration properties
 * types, so it lives with them; this package only reads it.
 */
public interface ComponentCatalog {

  /** Every component, in help order. */
  List<ComponentSpec> components();
}
