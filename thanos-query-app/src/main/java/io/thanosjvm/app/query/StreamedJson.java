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

  /**
   * The response for {@code answer}, its body encoded on {@code scheduler}. Call it on that scheduler: the first
   * chunk is encoded here and now (most answers are one chunk), which spares the hand-off to the scheduler and back
   * that encoding it later would cost every request; the rest is encoded on the scheduler as the client reads.
   */
  static Mono<ServerResponse> respond(ApiResponse answer, Scheduler scheduler) {
    JsonChunks chunks = new JsonChunks(answer.body(), JsonChunks.DEFAULT_TARGET_CHARS);
    StringBuilder chunk = new StringBuilder();
    byte[] first = chunks.next(chunk) ? chunk.toString().getBytes(StandardCharsets.UTF_8) : new byte[0];
    return ServerResponse.status(HttpStatus.valueOf(answer.httpStatus())).contentType(MediaType.APPLICATION_JSON)
        .body((message, context) -> write(message, first, chunks, scheduler));
  }

  private static Mono<Void> write(ReactiveHttpOutputMessage message, byte[] first, JsonChunks rest,
      Scheduler scheduler) {
    DataBufferFactory factory = message.bufferFactory();
    DataBuffer head = factory.wrap(first);
    if (rest.finished()) {
      message.getHeaders().setContentLength(first.length);
      return message.writeWith(Mono.just(head));
    }
    return message.writeWith(Flux.concat(Mono.just(head), buffers(new Encoder(rest, factory), scheduler))
        .doOnDiscard(DataBuffer.class, DataBufferUtils::release));
  }

  /**
   * The chunks of {@code body} as buffers from {@code factory}, each encoded on {@code scheduler} when the
   * subscriber asks for it.
   */
  static Flux<DataBuffer> buffers(JsonBody body, DataBufferFactory factory, Scheduler scheduler) {
    return Flux.defer(() -> buffers(new Encoder(new JsonChunks(body, JsonChunks.DEFAULT_TARGET_CHARS), factory),
        scheduler));
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

  /** Chunks of a body encoded as UTF-8 straight into buffers of the factory. */
  private static final class Encoder {
    private final JsonChunks chunks;
    private final DataBufferFactory factory;
    private final StringBuilder chunk = new StringBuilder(JsonChunks.DEFAULT_TARGET_CHARS + 1024);

    Encoder(JsonChunks chunks, DataBufferFactory factory) {
      this.chunks = chunks;
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
  }
}
