package io.thanosjvm.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.model.Labels;
import io.thanosjvm.query.endpoint.EndpointSet;
import io.thanosjvm.query.endpoint.StoreEndpoint;
import io.thanosjvm.server.grpc.GrpcClientTls;
import io.thanosjvm.testing.FixedStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * DNS discovery against a real DNS server (dnsmasq): Thanos' address forms resolved, a failed lookup keeping the
 * last answer, and the querier's endpoint set following SRV records as they change.
 */
class DnsDiscoveryTest {

  @Test
  void addressFormsResolveAsThanosResolvesThem() throws Exception {
    try (DnsmasqServer dns = DnsmasqServer.start(0, List.of(
        "--srv-host=_grpc._tcp.store.thanos.test,store-0.thanos.test,10901",
        "--srv-host=_grpc._tcp.store.thanos.test,store-1.thanos.test,10911",
        "--host-record=store-0.thanos.test,127.0.0.1", "--host-record=store-1.thanos.test,127.0.0.2",
        "--host-record=multi.thanos.test,127.0.0.3", "--host-record=multi.thanos.test,127.0.0.4",
        "--host-record=v6.thanos.test,::1"))) {
      DnsResolver r = new DnsResolver(new JndiDnsLookup(dns.address()));
      List<String> errors = new ArrayList<>();
      assertThat(r.resolve(List.of("dnssrv+_grpc._tcp.store.thanos.test"), errors))
          .containsExactlyInAnyOrder("127.0.0.1:10901", "127.0.0.2:10911");
      assertThat(r.resolve(List.of("dnssrvnoa+_grpc._tcp.store.thanos.test"), errors))
          .containsExactlyInAnyOrder("store-0.thanos.test:10901", "store-1.thanos.test:10911");
      assertThat(r.resolve(List.of("dns+multi.thanos.test:19291", "static:1", "dns+v6.thanos.test:10901"), errors))
          .containsExactlyInAnyOrder("127.0.0.3:19291", "127.0.0.4:19291", "static:1", "[::1]:10901");
      assertThat(r.resolve(List.of("dns+missing.thanos.test:1"), errors)).isEmpty();
      assertThat(errors).isEmpty();
    }
  }

  @Test
  void aFailedLookupKeepsTheLastAnswer() throws Exception {
    DnsmasqServer dns = DnsmasqServer.start(0, List.of("--host-record=a.thanos.test,127.0.0.5"));
    DnsResolver r = new DnsResolver(new JndiDnsLookup(dns.address()));
    List<String> errors = new ArrayList<>();
    assertThat(r.resolve(List.of("dns+a.thanos.test:1"), errors)).containsExactly("127.0.0.5:1");
    dns.close();
    assertThat(r.resolve(List.of("dns+a.thanos.test:1"), errors)).containsExactly("127.0.0.5:1");
    assertThat(errors).singleElement().asString().startsWith("dns+a.thanos.test:1: DNS A lookup");
  }

  @Test
  void malformedAddressesAreRefusedUpFront() {
    assertThatThrownBy(() -> DnsResolver.validate("dns+host")).hasMessageContaining("missing port");
    assertThatThrownBy(() -> DnsResolver.validate("dnssrv+_grpc._tcp.x:10901")).hasMessageContaining("no port");
    assertThatThrownBy(() -> DnsResolver.validate("dnsx+host:1")).hasMessageContaining("unknown discovery prefix");
    assertThatThrownBy(() -> DnsResolver.validate("host:99999")).hasMessageContaining("invalid port");
  }

  @Test
  void theEndpointSetFollowsSrvRecords() throws Exception {
    try (FixedStore a = new FixedStore(Labels.of("store", "a"), 0, 1, true).start();
        FixedStore b = new FixedStore(Labels.of("store", "b"), 0, 1, true).start()) {
      String srv = "_grpc._tcp.stores.thanos.test";
      List<String> both = List.of("--srv-host=" + srv + ",a.thanos.test," + port(a),
          "--srv-host=" + srv + ",b.thanos.test," + port(b), "--host-record=a.thanos.test,127.0.0.1",
          "--host-record=b.thanos.test,127.0.0.1");
      DnsmasqServer dns = DnsmasqServer.start(0, both);
      AtomicReference<Instant> now = new AtomicReference<>(Instant.EPOCH);
      InstantSource clock = now::get;
      try (EndpointSet set = new EndpointSet(List.of("dnssrv+" + srv), Duration.ofSeconds(5), List.of(),
          GrpcClientTls.PLAINTEXT, new DnsResolver(new JndiDnsLookup(dns.address())), Duration.ofSeconds(30),
          clock)) {
        set.refresh();
        assertThat(stores(set)).containsExactlyInAnyOrder(a.address(), b.address()); // sorted by address

        dns.close(); // the records change: only a is left
        dns = DnsmasqServer.start(dns.port(), List.of("--srv-host=" + srv + ",a.thanos.test," + port(a),
            "--host-record=a.thanos.test,127.0.0.1"));
        now.set(Instant.EPOCH.plusSeconds(10));
        set.refresh(); // not due yet: no lookup
        assertThat(stores(set)).containsExactlyInAnyOrder(a.address(), b.address()); // sorted by address
        now.set(Instant.EPOCH.plusSeconds(31));
        set.refresh();
        assertThat(stores(set)).containsExactly(a.address());
        assertThat(set.statuses()).extracting(EndpointSet.Status::address).containsExactly(a.address());
      } finally {
        dns.close();
      }
    }
  }

  private static int port(FixedStore s) {
    return Integer.parseInt(s.address().substring(s.address().lastIndexOf(':') + 1));
  }

  private static List<String> stores(EndpointSet set) {
    return set.stores().stream().map(StoreEndpoint::address).toList();
  }
}
