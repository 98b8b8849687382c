/**
 * A small mutational fuzzer run from JUnit ({@link io.thanosjvm.testing.fuzz.Fuzzer}): bounded, seeded campaigns over
 * the decoders and parsers that read untrusted input, failing on unexpected exceptions, hangs and unbounded
 * allocation.
 */
package io.thanosjvm.testing.fuzz;
