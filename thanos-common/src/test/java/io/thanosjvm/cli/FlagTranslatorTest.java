package io.thanosjvm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FlagTranslatorTest {

  private final FlagTranslator query = new FlagTranslator(Components.component("query"));

  private List<String> translate(String... args) {
    return query.translate(List.of(args)).propertyArgs();
  }

  @Test
  void mapsThanosFlagsToThanosProperties() {
    assertThat(translate("--http-address=127.0.0.1:0", "--grpc-address", "127.0.0.1:1", "--log.level=debug"))
        .containsExactly("--thanos.http.address=127.0.0.1:0", "--thanos.grpc.address=127.0.0.1:1",
            "--thanos.log.level=debug");
  }

  @Test
  void lastOccurrenceOfASingleFlagWins() {
    assertThat(translate("--query.timeout=1m", "--query.timeout=5m")).containsExactly("--thanos.query.timeout=5m");
  }

  @Test
  void repeatedFlagsBecomeIndexedListsAndCommasStayWhole() {
    assertThat(translate("--endpoint=a:1", "--endpoint", "dns+b:2", "--endpoint=x,y"))
        .containsExactly("--thanos.query.endpoints[0]=a:1", "--thanos.query.endpoints[1]=dns+b:2",
            "--thanos.query.endpoints[2]=x,y");
  }

  @Test
  void replicaLabelsAcceptRepeatsAndCommaLists() {
    assertThat(translate("--query.replica-label=replica,rule_replica", "--query.replica-label=prometheus_replica"))
        .containsExactly("--thanos.query.replica-labels[0]=replica", "--thanos.query.replica-labels[1]=rule_replica",
            "--thanos.query.replica-labels[2]=prometheus_replica");
  }

  @Test
  void bareBooleansMeanTrueAndNoPrefixMeansFalse() {
    assertThat(translate("--query.auto-downsampling")).containsExactly("--thanos.query.auto-downsampling=true");
    assertThat(translate("--no-query.partial-response")).containsExactly("--thanos.query.partial-response=false");
    assertThat(translate("--query.partial-response=false")).containsExactly("--thanos.query.partial-response=false");
    assertThatThrownBy(() -> translate("--query.auto-downsampling=maybe")).hasMessageContaining("true or false");
  }

  @Test
  void aFlagSeveralPartsOfTheAllInOneDeclareSetsEachOfThem() {
    FlagTranslator allInOne = new FlagTranslator(Components.component("all-in-one"));
    assertThat(allInOne.translate(List.of("--objstore.config=x", "--data-dir=/d", "--label=a=\"1\"",
        "--remote-write.address=:1")).propertyArgs())
        .containsExactly("--thanos.query.objstore.config=x", "--thanos.receive.objstore.config=x",
            "--thanos.store.objstore.config=x",
            "--thanos.compact.objstore.config=x", "--thanos.store.data-dir=/d", "--thanos.compact.data-dir=/d",
            "--thanos.receive.remote-write-address=:1", "--thanos.receive.labels[0]=a=\"1\"");
  }

  @Test
  void springStylePropertiesPassThrough() {
    assertThat(translate("--thanos.query.timeout=1m", "--spring.profiles.active=prod", "--management.x=y"))
        .containsExactly("--thanos.query.timeout=1m", "--spring.profiles.active=prod", "--management.x=y");
  }

  @Test
  void unknownFlagFailsNamingTheClosestKnownFlag() {
    assertThatThrownBy(() -> translate("--http-adress=:1"))
        .isInstanceOf(FlagException.class)
        .hasMessage("unknown long flag '--http-adress' for 'thanos query'; did you mean '--http-address'?");
    assertThatThrownBy(() -> translate("--completely-different"))
        .hasMessageContaining("unknown long flag '--completely-different'")
        .hasMessageContaining("see 'thanos query --help'");
  }

  @Test
  void notImplementedFlagsFailLoudlyInsteadOfBeingIgnored() {
    assertThatThrownBy(() -> translate("--grpc-server-tls-ciphers=x"))
        .hasMessageContaining("is a Thanos flag that this implementation does not support yet");
  }

  @Test
  void missingValueAndPositionalArgumentsAreErrors() {
    assertThatThrownBy(() -> translate("--endpoint")).hasMessage("expected argument for flag '--endpoint'");
    assertThatThrownBy(() -> translate("stray")).hasMessageContaining("unexpected argument 'stray'");
  }

  @Test
  void helpIsRecognised() {
    assertThat(query.translate(List.of("--help")).helpRequested()).isTrue();
    assertThat(query.translate(List.of("-h")).helpRequested()).isTrue();
  }

  @Test
  void closestFlagUsesEditDistance() {
    assertThat(ClosestFlag.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(ClosestFlag.find("endpont", List.of("endpoint", "query.timeout"))).isEqualTo("endpoint");
    assertThat(ClosestFlag.find("zzz", List.of("endpoint"))).isNull();
  }
}
