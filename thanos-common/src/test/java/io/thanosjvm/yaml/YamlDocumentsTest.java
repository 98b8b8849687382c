package io.thanosjvm.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.relabel.RelabelConfigParser;
import io.thanosjvm.rules.RuleFileException;
import io.thanosjvm.rules.RuleFileParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Regression tests for what the configuration fuzzer found: parser failures that escaped unwrapped. */
class YamlDocumentsTest {

  @Test
  void readsTheFirstDocumentOnly() {
    assertThat(YamlDocuments.first("a: 1\n---\nb: [", true)).isEqualTo(Map.of("a", 1));
    assertThat(YamlDocuments.first("", true)).isNull();
  }

  @Test
  void duplicateKeysAreRefusedWhenAsked() {
    assertThat(YamlDocuments.first("a: 1\na: 2\n", true)).isEqualTo(Map.of("a", 2));
    assertThatThrownBy(() -> YamlDocuments.first("a: 1\na: 2\n", false))
        .isInstanceOf(InvalidYamlException.class).hasMessageContaining("duplicate key a");
  }

  @Test
  void aBadBinaryScalarIsInvalidYamlNotABareIllegalArgument() {
    // found by ConfigFilesFuzzTest (rule-file): SnakeYAML's base64 decoder threw "Illegal base64 character 3f"
    assertThatThrownBy(() -> YamlDocuments.first("!!binary  by? (job)", true))
        .isInstanceOf(InvalidYamlException.class).hasMessageContaining("invalid scalar: Illegal base64 character");
    assertThatThrownBy(() -> RuleFileParser.parse("r.yml", "!!binary  by? (job)"))
        .isInstanceOf(RuleFileException.class).hasMessageContaining("Illegal base64 character");
  }

  @Test
  void aSyntaxErrorInARelabelConfigIsAnIllegalArgumentNamingTheConfig() {
    // found by ConfigFilesFuzzTest (relabel): SnakeYAML's ScannerException escaped the parser
    assertThatThrownBy(() -> RelabelConfigParser.parse("- action: keep\n  source_labels:*a [shard]\n  regex: x\n"))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("relabel configuration: invalid YAML: ")
        .hasMessageContaining("could not find expected ':'");
  }
}
