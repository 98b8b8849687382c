package io.thanosjvm.objstore.filesystem;

import io.thanosjvm.model.Utf8Order;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.objstore.IterConsumer;
import io.thanosjvm.objstore.IterOptions;
import io.thanosjvm.objstore.ObjectAttributes;
import io.thanosjvm.objstore.ObjectNames;
import io.thanosjvm.objstore.ObjectNotFoundException;
import io.thanosjvm.objstore.ObjectStoreException;
import io.thanosjvm.objstore.io.RangeInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A bucket stored in a local directory. Uploads write a temporary file next to the target and rename it
 * into place atomically, so a reader sees the old object or the complete new one, never a partial one.
 * Deleting an object also removes directories it leaves empty.
 */
public final class FilesystemBucket implements Bucket {

  /** Names of in-flight upload files start with this; iteration hides them. */
  static final String TEMP_PREFIX = ".objstore-upload-";

  private final Path root;

  /** Creates a bucket rooted at {@code directory}, creating the directory if needed. */
  public FilesystemBucket(Path directory) throws IOException {
    this.root = directory.toAbsolutePath().normalize();
    Files.createDirectories(root);
  }

  @Override
  public String name() {
    return "fs: " + root;
  }

  private Path resolve(String name) throws ObjectStoreException {
    Path path = root.resolve(name).normalize();
    if (!path.startsWith(root)) {
      throw new ObjectStoreException("object name escapes the bucket directory: " + name, false);
    }
    return path;
  }

  private Path existingFile(String name) throws IOException {
    Path path = resolve(ObjectNames.requireObjectName(name));
    if (!Files.isRegularFile(path)) {
      throw new ObjectNotFoundException(name(), name, null);
    }
    return path;
  }

  @Override
  public InputStream get(String name) throws IOException {
    try {
      return Files.newInputStream(existingFile(name));
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(name(), name, e);
    }
  }

  @Override
  public InputStream getRange(String name, long offset, long length) throws IOException {
    ObjectNames.requireRange(offset, length);
    try {
      SeekableByteChannel channel = Files.newByteChannel(existingFile(name), StandardOpenOption.READ);
      long start = Math.min(offset, channel.size());
      channel.position(start);
      InputStream in = Channels.newInputStream(channel);
      return length < 0 ? in : new RangeInputStream(in, length);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(name(), name, e);
    }
  }

  @Override
  public void upload(String name, InputStream data, long length) throws IOException {
    Path target = resolve(ObjectNames.requireObjectName(name));
    Files.createDirectories(target.getParent());
    Path temp = target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
    try {
      long written;
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
        written = data.transferTo(out);
      }
      if (length >= 0 && written != length) {
        throw new ObjectStoreException(
            "upload of " + name + " got " + written + " bytes, expected " + length, false);
      }
      moveIntoPlace(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public void delete(String name) throws IOException {
    Path path = resolve(ObjectNames.requireObjectName(name));
    if (!Files.deleteIfExists(path)) {
      throw new ObjectNotFoundException(name(), name, null);
    }
    for (Path dir = path.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
      try {
        Files.delete(dir);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        break;
      }
    }
  }

  @Override
  public void iter(String dir, IterConsumer consumer, IterOptions options) throws IOException {
    String prefix = ObjectNames.dirPrefix(dir);
    Path base = resolve(prefix.isEmpty() ? "." : prefix);
    if (!Files.isDirectory(base)) {
      return;
    }
    List<String> names = options.recursive() ? listRecursive(base) : listFlat(base, prefix);
    names.sort(Utf8Order.COMPARATOR);
    for (String entry : names) {
      consumer.accept(entry);
    }
  }

  private List<String> listFlat(Path base, String prefix) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> children = Files.list(base)) {
      for (Path child : (Iterable<Path>) children::iterator) {
        String file = child.getFileName().toString();
        if (file.startsWith(TEMP_PREFIX)) {
          continue;
        }
        if (Files.isDirectory(child)) {
          if (containsObjects(child)) {
            names.add(prefix + file + ObjectNames.DIR_DELIM);
          }
        } else {
          names.add(prefix + file);
        }
      }
    }
    return names;
  }

  private List<String> listRecursive(Path base) throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.walk(base)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (isObject(file)) {
          names.add(root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/"));
        }
      }
    }
    return names;
  }

  private static boolean isObject(Path file) {
    return Files.isRegularFile(file) && !file.getFileName().toString().startsWith(TEMP_PREFIX);
  }

  private static boolean containsObjects(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(FilesystemBucket::isObject);
    }
  }

  @Override
  public boolean exists(String name) throws IOException {
    return Files.isRegularFile(resolve(ObjectNames.requireObjectName(name)));
  }

  @Override
  public ObjectAttributes attributes(String name) throws IOException {
    try {
      BasicFileAttributes attrs = Files.readAttributes(existingFile(name), BasicFileAttributes.class);
      return new ObjectAttributes(attrs.size(), attrs.lastModifiedTime().toInstant());
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(name(), name, e);
    }
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
