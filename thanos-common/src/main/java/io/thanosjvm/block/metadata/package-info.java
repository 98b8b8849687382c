/**
 * Block metadata as Prometheus and Thanos store it: {@code meta.json} (Prometheus BlockMeta plus the
 * {@code thanos} section, unknown keys preserved) and the marker files {@code deletion-mark.json},
 * {@code no-compact-mark.json} and {@code no-downsample-mark.json}, written exactly like Go's
 * {@code json.MarshalIndent} with a TAB indent.
 */
package io.thanosjvm.block.metadata;
