/**
 * Retries of transient bucket failures (server errors, throttling, timeouts, broken or truncated
 * connections) with exponential back-off on Resilience4j; permanent failures (missing object, access
 * denied, bad request) fail at once. Uploads are made replayable first so a retry re-sends identical
 * bytes, and interrupted reads resume from the last byte received.
 */
package io.thanosjvm.objstore.retry;
