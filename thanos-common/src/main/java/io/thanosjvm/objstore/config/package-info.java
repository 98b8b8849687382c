/**
 * The objstore YAML of {@code --objstore.config-file} / {@code --objstore.config}: top-level {@code type},
 * {@code config} and {@code prefix}, and one validated record per provider with every key real Thanos
 * accepts. Top level, S3, GCS and AZURE are parsed strictly (unknown keys fail, naming the key and its
 * source), FILESYSTEM leniently, like Thanos.
 */
package io.thanosjvm.objstore.config;
