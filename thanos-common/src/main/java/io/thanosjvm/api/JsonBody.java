package io.thanosjvm.api;

import java.util.List;

/**
 * A JSON document written piece by piece. Each piece is small (an opening bracket, one label set, one sample), so
 * a large answer (a 100-series × 11,000-point matrix) can be cut into bounded chunks by {@link JsonChunks} and
 * sent while it is still being written: it never exists as one String. A body can be opened any number of times;
 * each {@link Writer} it opens is single-use and not thread-safe.
 */
@FunctionalInterface
public interface JsonBody {

  /** A fresh writer positioned at the start of the document. */
  Writer open();

  /** Writes one document piece by piece. */
  @FunctionalInterface
  interface Writer {

    /**
     * Appends the next piece to {@code sb} and returns true, or returns false (appending nothing) once the
     * document is complete.
     */
    boolean writeNext(StringBuilder sb);
  }

  /** A body of one piece, already written out. */
  static JsonBody of(String json) {
    java.util.Objects.requireNonNull(json, "json");
    return () -> new Writer() {
      private boolean written;

      @Override
      public boolean writeNext(StringBuilder sb) {
        if (written) {
          return false;
        }
        written = true;
        sb.append(json);
        return true;
      }
    };
  }

  /** The bodies one after the other, as one document. */
  static JsonBody concat(List<JsonBody> parts) {
    List<JsonBody> all = List.copyOf(parts);
    return () -> new Writer() {
      private int index;
      private Writer current;

      @Override
      public boolean writeNext(StringBuilder sb) {
        while (index < all.size()) {
          if (current == null) {
            current = all.get(index).open();
          }
          if (current.writeNext(sb)) {
            return true;
          }
          current = null;
          index++;
        }
        return false;
      }
    };
  }

  /**
   * A JSON array of {@code items}, one element per piece, each written by {@code element}: for series and label
   * answers, which can hold many entries. The items are iterated lazily, once per {@link #open()}.
   */
  static <T> JsonBody array(Iterable<T> items, java.util.function.BiConsumer<StringBuilder, T> element) {
    return () -> new Writer() {
      private java.util.Iterator<T> it;
      private boolean first = true;
      private boolean done;

      @Override
      public boolean writeNext(StringBuilder sb) {
        if (done) {
          return false;
        }
        if (it == null) {
          it = items.iterator();
          sb.append('[');
          return true;
        }
        if (it.hasNext()) {
          if (!first) {
            sb.append(',');
          }
          first = false;
          element.accept(sb, it.next());
          return true;
        }
        sb.append(']');
        done = true;
        return true;
      }
    };
  }

  /** The whole document as one String: for small bodies and callers that need all of it at once. */
  default String asString() {
    StringBuilder sb = new StringBuilder(256);
    Writer w = open();
    while (w.writeNext(sb)) {
      // every piece appended
    }
    return sb.toString();
  }
}
