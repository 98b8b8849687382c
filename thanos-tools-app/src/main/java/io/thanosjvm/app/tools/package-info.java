/** The {@code thanos tools} command-line entry point: dispatches to the tool command classes. */
package io.thanosjvm.app.tools;
