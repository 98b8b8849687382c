/**
 * JSON with Go's {@code encoding/json} conventions, at the bottom of the package graph: {@link
 * io.thanosjvm.json.GoJson} reads and writes documents such as meta.json through Jackson with Go's
 * {@code MarshalIndent} layout, and {@link io.thanosjvm.json.GoJsonEscapes} is the one JSON string escaper (Go's
 * HTML-safe escapes), used by Jackson for meta.json and by the streaming Prometheus API writers.
 */
package io.thanosjvm.json;
