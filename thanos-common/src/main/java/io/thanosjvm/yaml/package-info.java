/**
 * Reading Thanos' YAML configuration files (objstore, index cache, ...) key by key, at the bottom of the package
 * graph: {@link io.thanosjvm.yaml.YamlConfig} loads the first YAML document and builds every error with the
 * config's own exception type and prefix, {@link io.thanosjvm.yaml.YamlNode} reads one mapping, remembers the keys
 * it read so unknown ones are rejected, and names the full key path in every error.
 */
package io.thanosjvm.yaml;
