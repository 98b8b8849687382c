package io.thanosjvm.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Properties;

/**
 * What was built: exposed as {@code thanos_build_info} and by {@code /api/v1/status/buildinfo}.
 *
 * @param version the project version
 * @param revision the source revision, or "unknown"
 * @param branch the source branch, or "unknown"
 * @param buildUser who built it
 * @param buildDate when it was built
 * @param runtimeVersion the Java runtime (Thanos reports its Go version here)
 */
public record BuildInfo(String version, String revision, String branch, String buildUser, String buildDate,
    String runtimeVersion) {

  /** Requires every field. */
  public BuildInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(buildUser, "buildUser");
    Objects.requireNonNull(buildDate, "buildDate");
    Objects.requireNonNull(runtimeVersion, "runtimeVersion");
  }

  /** Reads {@code META-INF/thanos-build.properties} (written by the build), with fall-backs. */
  public static BuildInfo load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("/META-INF/thanos-build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // keep the defaults below: build info is informational
    }
    return new BuildInfo(
        nonBlank(p.getProperty("version"), "unknown"),
        nonBlank(p.getProperty("revision"), "unknown"),
        nonBlank(p.getProperty("branch"), "unknown"),
        nonBlank(p.getProperty("buildUser"), "unknown"),
        nonBlank(p.getProperty("buildDate"), "unknown"),
        "java" + System.getProperty("java.version", "unknown"));
  }

  private static String nonBlank(String v, String fallback) {
    return v == null || v.isBlank() || v.startsWith("${") ? fallback : v;
  }
}
