package io.thanosjvm.tsdb.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A length-prefixed string or byte string that ends past the window is corrupt data (which readers of a refilled
 * window catch to refill), never an index error: the bytes left are counted after the length prefix. Found by the
 * all-in-one, whose store gateway and receive head failed on a postings-table entry ending a few bytes past a
 * 1024-byte window.
 */
class DecodeBufferTest {

  @Test
  void aStringEndingPastTheWindowIsCorruptDataNotAnIndexError() {
    byte[] b = {5, 'a', 'b', 'c', 'd', 'e'};
    // window of 5 bytes: the length byte plus 4 of the 5 string bytes
    assertThatThrownBy(() -> new DecodeBuffer("index", 0, b, 0, 5).uvarintString())
        .isInstanceOf(CorruptBlockException.class);
    assertThatThrownBy(() -> new DecodeBuffer("index", 0, b, 0, 5).uvarintBytesStart())
        .isInstanceOf(CorruptBlockException.class);
    assertThat(new DecodeBuffer("index", 0, b, 0, 6).uvarintString()).isEqualTo("abcde");
  }
}
