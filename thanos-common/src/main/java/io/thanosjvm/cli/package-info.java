/**
 * The drop-in command line: Thanos' flag names (kingpin style: {@code --flag=value}, {@code --flag value},
 * bare booleans, {@code --no-flag}, repeated flags) mapped onto {@code thanos.*} configuration properties, plus help
 * output. Each flag is declared once, by a {@link io.thanosjvm.cli.Flag} annotation on the properties field it sets;
 * {@link io.thanosjvm.cli.FlagScanner} derives the flag table from those fields (help = the field's Javadoc through
 * the configuration metadata, default = its initial value) and the components come from the
 * {@link io.thanosjvm.cli.ComponentCatalog} on the class path. Plain Java: it produces Spring property arguments but
 * does not depend on Spring.
 */
package io.thanosjvm.cli;
