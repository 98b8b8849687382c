package io.thanosjvm.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code thanos.shipper.json} byte for byte as Thanos' Go encoder writes it, and read back leniently. */
class ShipperMetaFileTest {

  @TempDir Path dir;

  @Test
  void writesGoTabIndentedJsonWithATrailingNewline() throws Exception {
    Path file = dir.resolve("thanos.shipper.json");
    ShipperMetaFile.of(List.of("01HZX1K3M4N5P6Q7R8S9T0V1W2", "01HZX1K3M4N5P6Q7R8S9T0V1W3")).write(file);
    assertThat(Files.readString(file)).isEqualTo("""
        {
        \t"version": 1,
        \t"uploaded": [
        \t\t"01HZX1K3M4N5P6Q7R8S9T0V1W2",
        \t\t"01HZX1K3M4N5P6Q7R8S9T0V1W3"
        \t]
        }
        """);
    assertThat(dir.resolve("thanos.shipper.json.tmp")).doesNotExist();
  }

  @Test
  void anEmptyListIsWrittenAsNullAsGoDoesAndReadBack() throws Exception {
    Path file = dir.resolve("thanos.shipper.json");
    ShipperMetaFile.of(List.of()).write(file);
    assertThat(Files.readString(file)).isEqualTo("{\n\t\"version\": 1,\n\t\"uploaded\": null\n}\n");
    assertThat(ShipperMetaFile.read(file).uploaded()).isEmpty();
  }

  @Test
  void readsCompactJsonAndReplacesAnOldFile() throws Exception {
    Path file = dir.resolve("thanos.shipper.json");
    Files.writeString(file, "{\"version\":1,\"uploaded\":[\"01HZX1K3M4N5P6Q7R8S9T0V1W2\"]}");
    assertThat(ShipperMetaFile.read(file).uploaded()).containsExactly("01HZX1K3M4N5P6Q7R8S9T0V1W2");
    ShipperMetaFile.of(List.of()).write(file);
    assertThat(ShipperMetaFile.read(file).uploaded()).isEmpty();
  }

  @Test
  void rejectsOtherVersionsBadJsonAndNonUlidsNamingTheFile() throws Exception {
    Path file = dir.resolve("thanos.shipper.json");
    assertThatThrownBy(() -> ShipperMetaFile.read(file)).isInstanceOf(NoSuchFileException.class);
    Files.writeString(file, "{\"version\": 2}");
    assertThatThrownBy(() -> ShipperMetaFile.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("unexpected meta file version 2");
    Files.writeString(file, "{");
    assertThatThrownBy(() -> ShipperMetaFile.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString());
    Files.writeString(file, "{\"version\": 1, \"uploaded\": [\"nope\"]}");
    assertThatThrownBy(() -> ShipperMetaFile.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("nope");
  }
}
