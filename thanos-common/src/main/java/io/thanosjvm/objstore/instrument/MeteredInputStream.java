package io.thanosjvm.objstore.instrument;

import io.micrometer.core.instrument.Timer;
import io.thanosjvm.objstore.BucketOperation;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A reader returned by an instrumented get/get_range: counts fetched bytes as they are read, counts a
 * read error as a failure, and on close records the duration and transferred bytes (if it did not fail).
 */
final class MeteredInputStream extends FilterInputStream {

  private final BucketMetrics metrics;
  private final BucketOperation op;
  private final Timer.Sample sample;
  private long bytes;
  private boolean failed;
  private boolean closed;

  MeteredInputStream(InputStream in, BucketMetrics metrics, BucketOperation op, Timer.Sample sample) {
    super(in);
    this.metrics = metrics;
    this.op = op;
    this.sample = sample;
  }

  private void count(long n) {
    if (n > 0) {
      bytes += n;
      metrics.fetched(op, n);
    }
  }

  private IOException fail(IOException e) {
    if (!failed) {
      failed = true;
      metrics.failed(op);
    }
    return e;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    } catch (IOException e) {
      throw fail(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      int n = in.read(b, off, len);
      count(n);
      return n;
    } catch (IOException e) {
      throw fail(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (IOException e) {
      throw fail(e);
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      in.close();
    } catch (IOException e) {
      throw fail(e);
    } finally {
      if (!failed) {
        metrics.transferred(op, bytes);
        metrics.succeeded(op, sample);
      }
    }
  }
}
