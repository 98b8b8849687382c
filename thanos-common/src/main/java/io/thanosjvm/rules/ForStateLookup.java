package io.thanosjvm.rules;

import io.thanosjvm.model.Labels;

/**
 * Finds the last {@code ALERTS_FOR_STATE} sample of one alert within the outage tolerance, to restore the alert's
 * {@code for} state after a restart (from the ruler's own TSDB, or through queries in stateless mode).
 */
@FunctionalInterface
public interface ForStateLookup {

  /**
   * The last sample of the series with exactly these labels, or null when there is none in the window.
   *
   * @throws RuntimeException when the lookup fails (the alert is then left as it is)
   */
  Sample last(Labels forStateSeries);

  /**
   * A sample.
   *
   * @param t its timestamp (ms)
   * @param value its value (the alert's activeAt in seconds)
   */
  record Sample(long t, double value) {}
}
