/**
 * Thanos downsampling: aggregates raw series into 5m windows and 5m aggregates into 1h windows (count,
 * sum, min, max and a reset-compensated counter with first/last raw sample framing), encodes them as
 * aggregate chunks (encoding 0xFF) and writes downsampled blocks series by series.
 */
package io.thanosjvm.compact.downsample;
