package io.thanosjvm.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReloadingValueTest {

  @TempDir
  Path dir;

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
  private final AtomicInteger loads = new AtomicInteger();

  private FileReloadingValue<String> value(Path file) throws Exception {
    return new FileReloadingValue<>("test value", List.of(file), () -> {
      loads.incrementAndGet();
      String s = Files.readString(file);
      if (s.startsWith("bad")) {
        throw new IllegalArgumentException("bad content");
      }
      return s;
    }, clock, Duration.ofSeconds(1));
  }

  @Test
  void reloadsWhenTheFileIsReplacedButLooksAtMostOncePerInterval() throws Exception {
    Path f = dir.resolve("cert.pem");
    Files.writeString(f, "one");
    FileReloadingValue<String> v = value(f);
    assertThat(v.get()).isEqualTo("one");
    replace(f, "two");
    assertThat(v.get()).as("inside the interval the files are not looked at").isEqualTo("one");
    now.addAndGet(1_000);
    assertThat(v.get()).isEqualTo("two");
    assertThat(v.reloads()).isEqualTo(1);
    now.addAndGet(5_000);
    assertThat(v.get()).as("unchanged files are not loaded again").isEqualTo("two");
    assertThat(loads).hasValue(2);
  }

  @Test
  void aChangeThatDoesNotLoadKeepsThePreviousValueAndIsRetried() throws Exception {
    Path f = dir.resolve("key.pem");
    Files.writeString(f, "good");
    FileReloadingValue<String> v = value(f);
    replace(f, "bad, half written");
    now.addAndGet(1_000);
    assertThat(v.get()).isEqualTo("good");
    replace(f, "fixed");
    now.addAndGet(1_000);
    assertThat(v.get()).isEqualTo("fixed");
    Files.delete(f);
    now.addAndGet(1_000);
    assertThat(v.get()).as("a missing file keeps the last value").isEqualTo("fixed");
  }

  @Test
  void theFirstLoadFailsLoudly() throws Exception {
    Path f = dir.resolve("ca.pem");
    Files.writeString(f, "bad");
    assertThatThrownBy(() -> value(f)).hasMessage("bad content");
    assertThatThrownBy(() -> value(dir.resolve("missing.pem"))).isInstanceOf(java.io.IOException.class);
  }

  private void replace(Path f, String content) throws Exception {
    Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
