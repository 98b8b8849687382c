package io.thanosjvm.server.grpc;

import io.grpc.Codec;
import io.grpc.CompressorRegistry;
import io.grpc.DecompressorRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * The gRPC message compressor Thanos registers as {@code snappy}: the snappy <em>framing</em> format
 * (stream identifier chunk, CRC-checked compressed/uncompressed chunks), not the raw block format.
 * A querier with {@code --grpc-compression=snappy} sends {@code grpc-encoding: snappy}.
 */
public final class SnappyCodec implements Codec {

  /** The encoding name on the wire. */
  public static final String NAME = "snappy";

  @Override
  public String getMessageEncoding() {
    return NAME;
  }

  @Override
  public OutputStream compress(OutputStream os) throws IOException {
    return new SnappyFramedOutputStream(os);
  }

  @Override
  public InputStream decompress(InputStream is) throws IOException {
    return new SnappyFramedInputStream(is);
  }

  /** A compressor registry with gzip, identity and snappy. */
  public static CompressorRegistry compressorRegistry() {
    CompressorRegistry registry = CompressorRegistry.newEmptyInstance();
    registry.register(new Codec.Gzip());
    registry.register(Codec.Identity.NONE);
    registry.register(new SnappyCodec());
    return registry;
  }

  /** The default decompressor registry plus snappy (advertised in {@code grpc-accept-encoding}). */
  public static DecompressorRegistry decompressorRegistry() {
    return DecompressorRegistry.getDefaultInstance().with(new SnappyCodec(), true);
  }
}
