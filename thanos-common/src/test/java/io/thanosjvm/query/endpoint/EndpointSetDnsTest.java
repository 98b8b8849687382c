package io.thanosjvm.query.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.thanosjvm.model.Labels;
import io.thanosjvm.testing.FixedStore;
import io.thanosjvm.testing.SrvDnsServer;
import io.thanosjvm.testing.SrvDnsServer.Srv;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The querier finds stores by DNS as in Kubernetes ({@code dnssrv+_grpc._tcp.<headless service>}): SRV records read
 * from a DNS server over UDP, re-read every DNS interval, vanished stores dropped, a failed lookup keeping the last
 * answer.
 */
class EndpointSetDnsTest {

  private static final String NAME = "_grpc._tcp.store-headless.monitoring.svc.cluster.local";

  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
  private final InstantSource clock = () -> now.get();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private FixedStore store(String replica) throws Exception {
    FixedStore s = new FixedStore(Labels.of("replica", replica), 0, 1000, true).start();
    closeables.add(s);
    return s;
  }

  private static int port(FixedStore s) {
    return Integer.parseInt(s.address().substring(s.address().lastIndexOf(':') + 1));
  }

  @Test
  void srvRecordsBecomeStoresAndFollowTheRecordsEveryDnsInterval() throws Exception {
    FixedStore a = store("a");
    FixedStore b = store("b");
    SrvDnsServer dns = new SrvDnsServer();
    closeables.add(dns);
    dns.set(NAME, List.of(new Srv("127.0.0.1", port(a)), new Srv("127.0.0.1", port(b))));

    EndpointSet set = new EndpointSet(List.of("dnssrv+" + NAME), Duration.ofSeconds(5), List.of(),
        new EndpointResolver(dns.url()), Duration.ofSeconds(30), clock);
    closeables.add(set);
    set.refresh();
    assertThat(set.stores()).extracting(StoreEndpoint::address).containsExactlyInAnyOrder(a.address(), b.address());

    dns.set(NAME, List.of(new Srv("127.0.0.1", port(a))));
    set.refresh(); // not due yet: the last answer stands
    assertThat(set.stores()).hasSize(2);
    now.set(now.get().plusSeconds(30));
    set.refresh();
    assertThat(set.stores()).extracting(StoreEndpoint::address).containsExactly(a.address());
    assertThat(set.statuses()).extracting(EndpointSet.Status::address).containsExactly(a.address());

    dns.set(NAME, List.of()); // NXDOMAIN
    now.set(now.get().plusSeconds(30));
    set.refresh();
    assertThat(set.stores()).extracting(StoreEndpoint::address).containsExactly(a.address());
    assertThat(set.statuses()).anySatisfy(s -> {
      assertThat(s.address()).isEqualTo("dnssrv+" + NAME);
      assertThat(s.error()).startsWith("DNS lookup failed");
    });
  }

  @Test
  void staticAndDnsAddressesMix() throws Exception {
    FixedStore a = store("a");
    FixedStore b = store("b");
    EndpointSet set = new EndpointSet(List.of(a.address(), "dns+localhost:" + port(b)), Duration.ofSeconds(5),
        List.of(), EndpointResolver.system(), Duration.ofSeconds(30), clock);
    closeables.add(set);
    set.refresh();
    assertThat(set.stores()).extracting(StoreEndpoint::address).contains(a.address(), b.address());
  }

  @Test
  void resolverKeepsSrvTargetsUnresolvedForDnssrvnoa() throws Exception {
    SrvDnsServer dns = new SrvDnsServer();
    closeables.add(dns);
    dns.set("_grpc._tcp.s", List.of(new Srv("store-0.s.ns.svc", 10901), new Srv("store-1.s.ns.svc", 10901)));
    EndpointResolver r = new EndpointResolver(dns.url());
    assertThat(r.resolve("dnssrvnoa+_grpc._tcp.s")).containsExactly("store-0.s.ns.svc:10901",
        "store-1.s.ns.svc:10901");
    assertThat(r.resolve("host:1")).containsExactly("host:1");
    assertThat(EndpointResolver.isDiscovery("dnssrv+x")).isTrue();
    assertThat(EndpointResolver.isDiscovery("x:1")).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.resolve("dnssrv+_grpc._tcp.missing"))
        .isInstanceOf(UnknownHostException.class);
  }
}
