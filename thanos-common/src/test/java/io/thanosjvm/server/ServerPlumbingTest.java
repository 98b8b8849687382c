package io.thanosjvm.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.server.grpc.SnappyCodec;
import io.thanosjvm.server.http.HttpHandlerNames;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ServerPlumbingTest {

  @Test
  void parsesThanosListenAddresses() {
    assertThat(HostPort.parse("0.0.0.0:10902")).isEqualTo(new HostPort("0.0.0.0", 10902));
    assertThat(HostPort.parse(":10901")).isEqualTo(new HostPort("0.0.0.0", 10901));
    assertThat(HostPort.parse("[::1]:0")).isEqualTo(new HostPort("::1", 0));
    assertThat(HostPort.parse("[::1]:9").toString()).isEqualTo("[::1]:9");
    assertThatThrownBy(() -> HostPort.parse("localhost")).hasMessageContaining("must be host:port");
    assertThatThrownBy(() -> HostPort.parse("a:b")).hasMessageContaining("invalid port \"b\"");
    assertThatThrownBy(() -> HostPort.parse("a:70000")).hasMessageContaining("out of range");
  }

  @Test
  void snappyCodecWritesTheFramingFormat() throws IOException {
    byte[] payload = "thanos ".repeat(2000).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    SnappyCodec codec = new SnappyCodec();
    try (OutputStream out = codec.compress(wire)) {
      out.write(payload);
    }
    byte[] bytes = wire.toByteArray();
    // stream identifier chunk: type 0xff, length 6 (LE 24-bit), "sNaPpY"
    assertThat(Arrays.copyOf(bytes, 10)).containsExactly(0xff, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y');
    assertThat(bytes.length).isLessThan(payload.length / 10);
    try (InputStream in = codec.decompress(new ByteArrayInputStream(bytes))) {
      assertThat(in.readAllBytes()).isEqualTo(payload);
    }
    assertThat(codec.getMessageEncoding()).isEqualTo("snappy");
    assertThat(SnappyCodec.decompressorRegistry().getAdvertisedMessageEncodings()).contains("snappy", "gzip");
  }

  @Test
  void httpHandlerNamesFollowThanosRouteNames() {
    assertThat(HttpHandlerNames.of("/api/v1/query_range")).isEqualTo("query_range");
    assertThat(HttpHandlerNames.of("/api/v1/label/{name}/values")).isEqualTo("label_values");
    assertThat(HttpHandlerNames.of("/api/v1/status/buildinfo")).isEqualTo("status_buildinfo");
    assertThat(HttpHandlerNames.of("/metrics")).isEqualTo("/metrics");
    assertThat(HttpHandlerNames.of(null)).isEqualTo("unmatched");
    assertThat(HttpHandlerNames.of("/**")).isEqualTo("static");
  }

  @Test
  void buildInfoFallsBackToUnknownWithoutBuildProperties() {
    BuildInfo info = BuildInfo.load();
    assertThat(info.version()).isNotBlank();
    assertThat(info.runtimeVersion()).startsWith("java");
  }
}
