package io.thanosjvm.app.receive;

import io.micrometer.core.instrument.MeterRegistry;
import io.thanosjvm.autoconfigure.ReceiveWiring;
import io.thanosjvm.autoconfigure.ThanosReceiveProperties;
import io.thanosjvm.info.InfoService;
import io.thanosjvm.receive.HashringSource;
import io.thanosjvm.receive.Receiver;
import io.thanosjvm.receive.RemoteWriteServer;
import io.thanosjvm.receive.WriteableStoreService;
import io.thanosjvm.server.http.HttpRequestMetrics;
import io.thanosjvm.store.tsdb.TsdbStore;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires receive from its properties: hashring source, bucket (optional), the {@link Receiver}, its gRPC services
 * (StoreAPI, Info, WriteableStore), readiness, the maintenance loop (hashring file refresh, shipping retries, idle
 * tenants) and the remote-write listener.
 */
@Configuration(proxyBeanMethods = false)
class ReceiveConfiguration {

  @Bean
  HashringSource hashringSource(ThanosReceiveProperties p, MeterRegistry meters) throws IOException {
    return ReceiveWiring.hashringSource(p, meters);
  }

  @Bean(destroyMethod = "close")
  Receiver receiver(ThanosReceiveProperties p, HashringSource hashring, MeterRegistry meters) throws IOException {
    return ReceiveWiring.receiver(p, hashring, ReceiveWiring.bucket(p, meters, Clock.systemUTC()), meters,
        Clock.systemUTC());
  }

  @Bean
  TsdbStore storeApi(Receiver receiver) {
    return receiver.store();
  }

  @Bean
  InfoService infoService(Receiver receiver) {
    return receiver.info();
  }

  @Bean
  WriteableStoreService writeableStore(Receiver receiver) {
    return receiver.writeableStore();
  }

  /** Readiness: the tenants found on disk are open (WALs replayed). */
  @Bean
  HealthIndicator receiverHealthIndicator(Receiver receiver) {
    return ReceiveWiring.health(receiver);
  }

  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService receiveMaintenance(Receiver receiver, HashringSource hashring,
      ThanosReceiveProperties p) {
    return ReceiveWiring.maintenance(receiver, hashring, p);
  }

  @Bean(destroyMethod = "close")
  RemoteWriteServer remoteWriteServer(Receiver receiver, HttpRequestMetrics metrics, ThanosReceiveProperties p) {
    return ReceiveWiring.remoteWriteServer(receiver, metrics, p, Clock.systemUTC());
  }
}
