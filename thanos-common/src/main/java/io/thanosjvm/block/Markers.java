package io.thanosjvm.block;

import io.thanosjvm.block.metadata.Marker;
import io.thanosjvm.block.metadata.MarkerKind;
import io.thanosjvm.objstore.Bucket;
import io.thanosjvm.tsdb.InvalidMetaException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes, reads and removes a block's marker files ({@code <ULID>/deletion-mark.json},
 * {@code no-compact-mark.json}, {@code no-downsample-mark.json}) in a bucket. As in Thanos, marking a block
 * that already carries the marker keeps the existing one.
 */
public final class Markers {

  /** Reason written by a manual no-compact or no-downsample mark. */
  public static final String REASON_MANUAL = "manual";

  /** Largest marker file read; a marker is a few hundred bytes. */
  private static final int MAX_MARKER_BYTES = 1 << 20;

  private final Bucket bucket;
  private final Clock clock;

  /** Markers in {@code bucket}, stamped with {@code clock}'s time. */
  public Markers(Bucket bucket, Clock clock) {
    this.bucket = Objects.requireNonNull(bucket, "bucket");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The object name of a marker of block {@code id}. */
  public static String objectName(String id, MarkerKind kind) {
    return id + "/" + kind.fileName();
  }

  /**
   * Writes the marker unless one exists; returns whether it was written.
   *
   * @param reason the reason (ignored for deletion marks)
   */
  public boolean mark(String id, MarkerKind kind, String details, String reason) throws IOException {
    Marker marker = new Marker(kind, id, details, clock.instant().getEpochSecond(), reason);
    String name = objectName(id, kind);
    if (bucket.exists(name)) {
      return false;
    }
    byte[] json = marker.toJson().getBytes(StandardCharsets.UTF_8);
    bucket.upload(name, new ByteArrayInputStream(json), json.length);
    return true;
  }

  /** Removes the marker; returns whether it existed. */
  public boolean remove(String id, MarkerKind kind) throws IOException {
    String name = objectName(id, kind);
    if (!bucket.exists(name)) {
      return false;
    }
    bucket.delete(name);
    return true;
  }

  /**
   * Reads the marker, empty when absent.
   *
   * @throws InvalidMetaException when the marker does not parse, is too large or names another block
   */
  public Optional<Marker> read(String id, MarkerKind kind) throws IOException {
    String name = objectName(id, kind);
    byte[] data;
    try (InputStream in = bucket.get(name)) {
      data = in.readNBytes(MAX_MARKER_BYTES + 1);
    } catch (IOException e) {
      if (bucket.isObjNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
    if (data.length > MAX_MARKER_BYTES) {
      throw new InvalidMetaException(name, MAX_MARKER_BYTES, "marker larger than " + MAX_MARKER_BYTES + " bytes");
    }
    Marker m = Marker.parse(kind, new String(data, StandardCharsets.UTF_8), name);
    if (!m.id().equals(id)) {
      throw new InvalidMetaException(name, -1, "marker id " + m.id() + " does not match block " + id);
    }
    return Optional.of(m);
  }
}
