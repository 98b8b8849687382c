/**
 * Prometheus relabelling ({@code relabel_configs} YAML) as Thanos applies it to external labels, e.g. for
 * {@code --selector.relabel-config} block sharding: actions replace, keep, drop, hashmod, labelmap, labeldrop,
 * labelkeep; anchored regexes; Go-style {@code $1}/{@code ${1}}/{@code ${name}} replacement expansion.
 */
package io.thanosjvm.relabel;
