package io.thanosjvm.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the pods of every value set promise matches what the components serve: probes on {@code /-/healthy} and
 * {@code /-/ready} at the HTTP port the flags listen on, gRPC ports where the component serves gRPC, non-root with a
 * read-only root filesystem and writable /tmp and data directories, a JVM heap sized from the memory limit, and a
 * termination grace period longer than the servers' drain.
 */
class ChartWorkloadTest {

  static List<String> valueSets() {
    return ChartFixture.valueSets();
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  @SuppressWarnings("unchecked")
  void podsMatchWhatTheComponentsServe(String valueSet) {
    for (Map<String, Object> w : ChartFixture.workloads(valueSet)) {
      String where = valueSet + " " + ChartFixture.name(w);
      Map<String, Object> pod = ChartFixture.podSpec(w);
      Map<String, Object> c = ChartFixture.containers(w).get(0);
      List<String> args = (List<String>) c.get("args");
      Map<String, Integer> ports = new java.util.HashMap<>();
      for (Map<String, Object> p : (List<Map<String, Object>>) c.get("ports")) {
        ports.put((String) p.get("name"), (Integer) p.get("containerPort"));
      }
      assertThat(ports.get("http")).as(where).isEqualTo(port(flag(args, "http-address")));
      String grpc = flag(args, "grpc-address");
      if (grpc != null) {
        assertThat(ports.get("grpc")).as(where).isEqualTo(port(grpc));
      } else {
        assertThat(ports).as(where).doesNotContainKey("grpc");
      }
      String remoteWrite = flag(args, "remote-write.address");
      if (remoteWrite != null) {
        assertThat(ports.get("remote-write")).as(where).isEqualTo(port(remoteWrite));
      }
      assertProbe(where, c, "livenessProbe", "/-/healthy");
      assertProbe(where, c, "startupProbe", "/-/healthy");
      assertProbe(where, c, "readinessProbe", "/-/ready");

      Map<String, Object> sc = (Map<String, Object>) c.get("securityContext");
      assertThat(sc).as(where).containsEntry("readOnlyRootFilesystem", true).containsEntry("runAsNonRoot", true)
          .containsEntry("allowPrivilegeEscalation", false);
      assertThat(((Map<String, Object>) pod.get("securityContext")).get("runAsNonRoot")).as(where).isEqualTo(true);
      List<String> mounts = ((List<Map<String, Object>>) c.get("volumeMounts")).stream()
          .map(m -> (String) m.get("mountPath")).toList();
      assertThat(mounts).as(where).contains("/tmp");
      for (String dirFlag : List.of("data-dir", "tsdb.path")) {
        String dir = flag(args, dirFlag);
        if (dir != null) {
          assertThat(mounts).as(where + " --" + dirFlag + " on a writable volume").contains(dir);
        }
      }
      String file = flag(args, "objstore.config-file");
      if (file != null) {
        assertThat(mounts.stream().anyMatch(file::startsWith)).as(where + " " + file).isTrue();
      }

      Map<String, Object> env = new java.util.HashMap<>();
      for (Map<String, Object> e : (List<Map<String, Object>>) c.get("env")) {
        env.put((String) e.get("name"), e.get("value"));
      }
      assertThat((String) env.get("JAVA_TOOL_OPTIONS")).as(where).contains("-XX:MaxRAMPercentage=");
      assertThat((String) env.get("SPRING_PROFILES_ACTIVE")).as(where).contains("k8s");
      Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>) c.get("resources")).get("limits");
      assertThat(limits).as(where + ": a memory limit for MaxRAMPercentage to size from").containsKey("memory");

      int grace = Integer.parseInt(Objects.requireNonNull(flag(args, "http-grace-period"), where).replace("s", ""));
      assertThat((Integer) pod.get("terminationGracePeriodSeconds")).as(where).isGreaterThan(grace);
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertProbe(String where, Map<String, Object> c, String probe, String path) {
    Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) c.get(probe)).get("httpGet");
    assertThat(get).as(where + " " + probe).containsEntry("path", path).containsEntry("port", "http");
  }

  static String flag(List<String> args, String name) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        return a.substring(name.length() + 3);
      }
    }
    return null;
  }

  private static Integer port(String hostPort) {
    return hostPort == null ? null : Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }
}
