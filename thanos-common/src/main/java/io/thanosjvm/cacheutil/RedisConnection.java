package io.thanosjvm.cacheutil;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One connection to a Redis server speaking RESP2: AUTH/SELECT on connect, MGET and SET with EX. */
final class RedisConnection extends LineSocket {

  RedisConnection(String server, InetSocketAddress address, RedisClientConfig config) throws IOException {
    super(server, address, config.dialTimeout(), config.readTimeout());
    try {
      if (!config.password().isEmpty()) {
        if (config.username().isEmpty()) {
          expectOk(command("AUTH", config.password()), "AUTH");
        } else {
          expectOk(command("AUTH", config.username(), config.password()), "AUTH");
        }
      }
      if (config.db() != 0) {
        expectOk(command("SELECT", Integer.toString(config.db())), "SELECT");
      }
    } catch (IOException e) {
      close();
      throw e;
    }
  }

  /**
   * Sends MGET for {@code keys}; returns one value per key, null for a miss. Bulk strings longer than
   * {@code maxValue} bytes are read past and returned as misses.
   */
  byte[][] mget(List<String> keys, long maxValue) throws IOException {
    String[] args = new String[keys.size() + 1];
    args[0] = "MGET";
    for (int i = 0; i < keys.size(); i++) {
      args[i + 1] = keys.get(i);
    }
    send(args, null);
    String header = readLine();
    if (header.startsWith("-")) {
      throw new CacheServerException(server() + ": MGET answered " + header);
    }
    if (!header.startsWith("*") || parseLength(header) != keys.size()) {
      throw new CacheServerException(server() + ": MGET of " + keys.size() + " keys answered " + header);
    }
    byte[][] values = new byte[keys.size()][];
    for (int i = 0; i < values.length; i++) {
      String bulk = readLine();
      if (!bulk.startsWith("$")) {
        throw new CacheServerException(server() + ": MGET element is not a bulk string: " + bulk);
      }
      long length = parseLength(bulk);
      if (length < 0) {
        continue;
      }
      if (length > maxValue || length > Integer.MAX_VALUE - 8) {
        in.skipNBytes(length + 2);
        continue;
      }
      values[i] = readPayload((int) length);
    }
    return values;
  }

  /** Sends {@code SET key value EX seconds} and waits for OK. */
  void set(String key, byte[] value, long seconds) throws IOException {
    send(new String[] {"SET", key, null, "EX", Long.toString(seconds)}, value);
    expectOk(readLine(), "SET");
  }

  private String command(String... args) throws IOException {
    send(args, null);
    return readLine();
  }

  /** Writes a RESP array of bulk strings; a null argument is replaced by {@code payload}. */
  private void send(String[] args, byte[] payload) throws IOException {
    writeAscii("*" + args.length + "\r\n");
    for (String a : args) {
      byte[] b = a == null ? payload : a.getBytes(StandardCharsets.UTF_8);
      writeAscii("$" + b.length + "\r\n");
      out.write(b);
      writeAscii("\r\n");
    }
    out.flush();
  }

  private void expectOk(String reply, String command) throws CacheServerException {
    if (!reply.equals("+OK")) {
      throw new CacheServerException(server() + ": " + command + " answered " + reply);
    }
  }

  private long parseLength(String line) throws CacheServerException {
    try {
      return Long.parseLong(line.substring(1));
    } catch (NumberFormatException e) {
      throw new CacheServerException(server() + ": malformed length in reply " + line);
    }
  }
}
