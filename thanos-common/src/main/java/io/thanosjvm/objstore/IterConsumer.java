package io.thanosjvm.objstore;

import java.io.IOException;

/** Receives the entry names produced by {@link Bucket#iter}; throwing stops the iteration. */
@FunctionalInterface
public interface IterConsumer {

  /** Handles one object name, or a directory name ending in {@code /}. */
  void accept(String name) throws IOException;
}
