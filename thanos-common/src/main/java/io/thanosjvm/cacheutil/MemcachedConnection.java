package io.thanosjvm.cacheutil;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One connection to a memcached server speaking the text protocol: {@code get k1 k2 ...} and {@code set}. */
final class MemcachedConnection extends LineSocket {

  MemcachedConnection(String server, InetSocketAddress address, Duration timeout) throws IOException {
    super(server, address, timeout, timeout);
  }

  /**
   * Fetches {@code keys} (valid memcached keys) with one {@code get}, putting hits into {@code hits}. Values
   * longer than {@code maxValue} bytes are read past, not kept; returns how many were.
   */
  int getMulti(List<String> keys, long maxValue, Map<String, byte[]> hits) throws IOException {
    int skipped = 0;
    StringBuilder cmd = new StringBuilder(keys.size() * 40 + 8).append("get");
    for (String k : keys) {
      cmd.append(' ').append(k);
    }
    writeUtf8(cmd.append("\r\n").toString());
    out.flush();
    while (true) {
      String line = readLine();
      if (line.equals("END")) {
        return skipped;
      }
      if (!line.startsWith("VALUE ")) {
        throw error("get", line);
      }
      String[] parts = line.split(" ");
      if (parts.length < 4) {
        throw new CacheServerException(server() + ": malformed VALUE line: " + line);
      }
      long length;
      try {
        length = Long.parseLong(parts[3]);
      } catch (NumberFormatException e) {
        throw new CacheServerException(server() + ": malformed VALUE length: " + line);
      }
      if (length < 0) {
        throw new CacheServerException(server() + ": negative VALUE length: " + line);
      }
      if (length > maxValue || length > Integer.MAX_VALUE - 8) {
        in.skipNBytes(length + 2);
        skipped++;
        continue;
      }
      hits.put(parts[1], readPayload((int) length));
    }
  }

  /** Stores {@code value} under {@code key} with memcached expiration {@code exptime} and waits for STORED. */
  void set(String key, byte[] value, long exptime) throws IOException {
    writeUtf8("set " + key + " 0 " + exptime + " " + value.length + "\r\n");
    out.write(value);
    writeAscii("\r\n");
    out.flush();
    String reply = readLine();
    if (!reply.equals("STORED")) {
      throw error("set", reply);
    }
  }

  private CacheServerException error(String command, String reply) {
    return new CacheServerException(server() + ": " + command + " answered \"" + reply + "\"");
  }
}
