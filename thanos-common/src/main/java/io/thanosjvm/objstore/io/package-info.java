/**
 * Stream helpers the providers and wrappers share: bounded range streams and temporary-file spools that
 * make a one-shot upload stream replayable without holding it in heap.
 */
package io.thanosjvm.objstore.io;
