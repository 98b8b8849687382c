package io.thanosjvm.tsdb.index;

/**
 * The index table of contents: file offsets of the sections (0 = absent).
 *
 * @param symbols symbol table
 * @param series first series entry (before its padding)
 * @param labelIndices first label index
 * @param labelIndicesTable label offset table
 * @param postings first postings list
 * @param postingsTable postings offset table
 */
public record Toc(long symbols, long series, long labelIndices, long labelIndicesTable, long postings,
    long postingsTable) {}
