package io.thanosjvm.app.query;

import io.thanosjvm.api.ApiResponse;
import io.thanosjvm.api.JsonBody;
import io.thanosjvm.api.JsonChunks;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Sends an {@link ApiResponse} as a stream of data buffers of about 64 KiB ({@link JsonChunks}) from the server's
 * (pooled) buffer factory: a large answer is written while it is sent, only as fast as the client reads, and never
 * exists as one String. All encoding runs on the given bounded scheduler, never on the event loop. An answer that
 * fits in one chunk (errors, small results) is sent with a {@code Content-Length}, as Go's server does for small
 * bodies; larger ones are chunked.
 */
final class StreamedJson {

  private StreamedJson() {}

  /** The response for {@code answer}, its body encoded on {@code scheduler}. */
  static Mono<ServerResponse> respond(ApiResponse answer, Scheduler scheduler) {
    return ServerResponse.status(HttpStatus.valueOf(answer.httpStatus())).contentType(MediaType.APPLICATION_JSON)
        .body((message, context) -> write(message, answer.body(), scheduler));
  }

  private static Mono<Void> write(ReactiveHttpOutputMessage message, JsonBody body, Scheduler scheduler) {
    DataBufferFactory factory = message.bufferFactory();
    return Mono.fromCallable(() -> {
      Encoder encoder = new Encoder(body, factory);
      return new First(encoder, encoder.next());
    }).subscribeOn(scheduler).flatMap(first -> {
      DataBuffer head = first.buffer() == null ? factory.allocateBuffer(0) : first.buffer();
      if (first.encoder().finished()) {
        message.getHeaders().setContentLength(head.readableByteCount());
        return message.writeWith(Mono.just(head));
      }
      return message.writeWith(Flux.concat(Mono.just(head), buffers(first.encoder(), scheduler))
          .doOnDiscard(DataBuffer.class, DataBufferUtils::release));
    });
  }

  /**
   * The chunks of {@code body} as buffers from {@code factory}, each encoded on {@code scheduler} when the
   * subscriber asks for it.
   */
  static Flux<DataBuffer> buffers(JsonBody body, DataBufferFactory factory, Scheduler scheduler) {
    return Flux.defer(() -> buffers(new Encoder(body, factory), scheduler));
  }

  private static Flux<DataBuffer> buffers(Encoder encoder, Scheduler scheduler) {
    return Flux.<DataBuffer>generate(sink -> {
      DataBuffer b = encoder.next();
      if (b == null) {
        sink.complete();
      } else {
        sink.next(b);
      }
    }).subscribeOn(scheduler).doOnDiscard(DataBuffer.class, DataBufferUtils::release);
  }

  private record First(Encoder encoder, DataBuffer buffer) {}

  /** Chunks of a body encoded as UTF-8 straight into buffers of the factory. */
  private static final class Encoder {
    private final JsonChunks chunks;
    private final DataBufferFactory factory;
    private final StringBuilder chunk = new StringBuilder(JsonChunks.DEFAULT_TARGET_CHARS + 1024);

    Encoder(JsonBody body, DataBufferFactory factory) {
      this.chunks = new JsonChunks(body, JsonChunks.DEFAULT_TARGET_CHARS);
      this.factory = factory;
    }

    /** The next chunk's buffer, or null at the end. */
    DataBuffer next() {
      if (!chunks.next(chunk)) {
        return null;
      }
      DataBuffer b = factory.allocateBuffer(chunk.length() + 16);
      try {
        return b.write(chunk, StandardCharsets.UTF_8);
      } catch (RuntimeException e) {
        DataBufferUtils.release(b);
        throw e;
      }
    }

    boolean finished() {
      return chunks.finished();
    }
  }
}
