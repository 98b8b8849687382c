package io.thanosjvm.objstore;

import java.io.IOException;
import java.io.InputStream;

/**
 * An object storage bucket, the Java counterpart of Thanos' {@code objstore.Bucket}.
 *
 * <p>All reads and writes stream: no implementation buffers a whole object in heap. Every method may throw
 * {@link ObjectNotFoundException} when the named object is missing (except {@link #exists} and {@link
 * #iter}), and {@link ObjectStoreException} for any other failure; {@link
 * ObjectStoreException#retryable()} tells transient failures from permanent ones.
 *
 * <p>Implementations are safe for concurrent use by many threads; a returned stream belongs to one
 * caller.
 */
public interface Bucket extends AutoCloseable {

  /** Returns the bucket's name, used as the {@code bucket} label of the objstore metrics. */
  String name();

  /**
   * Opens the whole object for reading. The caller must close the stream.
   *
   * @throws ObjectNotFoundException if the object does not exist
   */
  InputStream get(String name) throws IOException;

  /**
   * Opens {@code length} bytes of the object from {@code offset}; a {@code length} of -1 reads to the end,
   * a range reaching past the end is cut at the end of the object.
   *
   * @throws ObjectNotFoundException if the object does not exist
   */
  InputStream getRange(String name, long offset, long length) throws IOException;

  /**
   * Writes the object from {@code data}, replacing any existing object of that name. {@code length} is the
   * exact number of bytes {@code data} yields, or -1 when unknown. Readers never observe a partly written
   * object. The stream is read to its end but not closed.
   */
  void upload(String name, InputStream data, long length) throws IOException;

  /**
   * Deletes the object. Deleting a missing object is not an error on every provider; callers must not rely
   * on either outcome.
   */
  void delete(String name) throws IOException;

  /**
   * Calls {@code consumer} for each entry under directory {@code dir} ("" for the root), sorted by UTF-8
   * bytes. Non-recursive: objects directly in {@code dir} plus sub-directories as names ending in {@code /}.
   * Recursive: every object below {@code dir}, no directory entries. A missing directory yields nothing.
   */
  void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException;

  /** Non-recursive {@link #iter(String, IterConsumer, IterOptions)}, Thanos' default. */
  default void iter(String dir, IterConsumer consumer) throws IOException {
    iter(dir, consumer, IterOptions.flat());
  }

  /** Returns whether the object exists; a missing object is not an error. */
  boolean exists(String name) throws IOException;

  /**
   * Returns the object's size and last modification time.
   *
   * @throws ObjectNotFoundException if the object does not exist
   */
  ObjectAttributes attributes(String name) throws IOException;

  /** Returns whether {@code error}, or any of its causes, reports a missing object. */
  default boolean isObjNotFound(Throwable error) {
    return ObjectNotFoundException.isCauseOf(error);
  }

  /** Releases the client's resources. */
  @Override
  void close() throws IOException;
}
