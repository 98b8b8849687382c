package io.thanosjvm.app.queryfrontend;

import io.thanosjvm.queryfrontend.Downstream;

/**
 * The downstream as each kind of request reaches it.
 *
 * @param plain without retries (everything proxied unchanged)
 * @param range with {@code --query-range.max-retries-per-request}
 * @param instant with {@code --query.max-retries-per-request}
 * @param labels with {@code --labels.max-retries-per-request} (labels and series)
 */
record Downstreams(Downstream plain, Downstream range, Downstream instant, Downstream labels) {}
