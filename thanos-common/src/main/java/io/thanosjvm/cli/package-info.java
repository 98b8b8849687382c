/**
 * The drop-in command line: Thanos' flag names (kingpin style: {@code --flag=value}, {@code --flag value},
 * bare booleans, {@code --no-flag}, repeated flags) mapped onto {@code thanos.*} configuration properties through
 * one explicit table ({@link io.thanosjvm.cli.FlagTable}), plus help output. Plain Java: it produces Spring
 * property arguments but does not depend on Spring.
 */
package io.thanosjvm.cli;
