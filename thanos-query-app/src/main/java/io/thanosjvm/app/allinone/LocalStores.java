package io.thanosjvm.app.allinone;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.thanosjvm.server.grpc.SnappyCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The all-in-one's in-process StoreAPIs (receive's, the store gateway's), each served with its Info on its own
 * loopback port, as the querier dials every store over gRPC. Not exposed: the main gRPC port serves the querier's
 * own StoreAPI, as {@code thanos query} does.
 */
final class LocalStores implements AutoCloseable {

  private final List<Server> servers = new ArrayList<>();

  /** Starts one loopback server per pair of StoreAPI and Info services. */
  LocalStores(List<List<BindableService>> stores) throws IOException {
    try {
      for (List<BindableService> services : stores) {
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .compressorRegistry(SnappyCodec.compressorRegistry())
            .decompressorRegistry(SnappyCodec.decompressorRegistry())
            .permitKeepAliveTime(10, TimeUnit.SECONDS).permitKeepAliveWithoutCalls(true);
        services.forEach(b::addService);
        servers.add(b.build().start());
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Their {@code 127.0.0.1:port} addresses, in the order given. */
  List<String> addresses() {
    return servers.stream().map(s -> "127.0.0.1:" + s.getPort()).toList();
  }

  @Override
  public void close() {
    servers.forEach(Server::shutdownNow);
  }
}
