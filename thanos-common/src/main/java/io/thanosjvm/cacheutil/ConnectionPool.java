package io.thanosjvm.cacheutil;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The idle connections to one cache server: borrowed for one exchange, returned when the exchange completed
 * cleanly (at most {@code maxIdle} kept), closed otherwise.
 *
 * @param <C> the connection type
 */
final class ConnectionPool<C extends AutoCloseable> implements AutoCloseable {

  /** Opens a new connection. */
  @FunctionalInterface
  interface Dialer<C> {
    C dial() throws IOException;
  }

  private final Dialer<C> dialer;
  private final int maxIdle;
  private final ConcurrentLinkedDeque<C> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;

  ConnectionPool(Dialer<C> dialer, int maxIdle) {
    this.dialer = dialer;
    this.maxIdle = maxIdle;
  }

  /** Returns an idle connection or dials a new one. */
  C borrow() throws IOException {
    C c = idle.pollFirst();
    if (c != null) {
      idleCount.decrementAndGet();
      return c;
    }
    if (closed) {
      throw new IOException("connection pool closed");
    }
    return dialer.dial();
  }

  /** Takes back a connection that completed its exchange cleanly. */
  void release(C c) {
    if (!closed && idleCount.incrementAndGet() <= maxIdle) {
      idle.offerFirst(c);
      if (closed && idle.remove(c)) {
        closeQuietly(c);
      }
      return;
    }
    idleCount.decrementAndGet();
    closeQuietly(c);
  }

  /** Closes a connection whose exchange failed (its stream position is unknown). */
  void discard(C c) {
    closeQuietly(c);
  }

  static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // nothing left to do with a broken connection
    }
  }

  @Override
  public void close() {
    closed = true;
    C c;
    while ((c = idle.pollFirst()) != null) {
      closeQuietly(c);
    }
  }
}
