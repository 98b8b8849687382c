/**
 * Core value types shared by every capability: labels and label sets, label matchers, time ranges and
 * samples. Immutable, validated in their constructors, free of any framework.
 *
 * <p>Ordering follows Prometheus and Go: strings compare by their UTF-8 bytes (see {@link
 * io.thanosjvm.model.Utf8Order}), label sets compare label by label.
 */
package io.thanosjvm.model;
