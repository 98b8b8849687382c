package io.thanosjvm.rules;

import io.thanosjvm.discovery.DnsResolver;
import io.thanosjvm.discovery.JndiDnsLookup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Query API servers the ruler evaluates against: one {@code --query} value, or one static address or the file
 * service discovery of an entry of {@code --query.config}. As Thanos reads them, an address without a scheme gets
 * {@code http://}, only {@code http} and {@code https} are accepted and the URL's path becomes the path prefix
 * before {@code /api/v1/query}. Addresses may carry Thanos' DNS prefixes ({@code dns+}, {@code dnssrv+},
 * {@code dnssrvnoa+}), looked up at each query through {@link DnsResolver} (a failed lookup keeps its last answer).
 * File discovery reads Prometheus' {@code file_sd} files (YAML or JSON lists of {@code targets}) at each query.
 *
 * @param scheme {@code http} or {@code https}
 * @param address {@code host:port}, optionally with a DNS prefix; empty when {@code sdFiles} give the addresses
 * @param pathPrefix the path before {@code /api/v1/query}, empty or starting with {@code /}
 * @param http authentication and trust for its requests
 * @param sdFiles {@code file_sd_configs} file patterns (globs), empty for a static address
 */
public record QueryEndpoint(String scheme, String address, String pathPrefix, HttpClientConfig http,
    List<String> sdFiles) {

  private static final DnsResolver SYSTEM_DNS = new DnsResolver(JndiDnsLookup.system());

  /** Validates the endpoint. */
  public QueryEndpoint {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    Objects.requireNonNull(http, "http");
    sdFiles = List.copyOf(sdFiles);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException("\"" + scheme + "\" is not supported scheme for address");
    }
    if (address.isEmpty() && sdFiles.isEmpty()) {
      throw new IllegalArgumentException("static address cannot be empty");
    }
    if (!address.isEmpty()) {
      DnsResolver.validate(address);
    }
    pathPrefix = pathPrefix.endsWith("/") ? pathPrefix.substring(0, pathPrefix.length() - 1) : pathPrefix;
  }

  /** A static endpoint without authentication. */
  public QueryEndpoint(String scheme, String address, String pathPrefix) {
    this(scheme, address, pathPrefix, HttpClientConfig.NONE, List.of());
  }

  /** Reads one {@code --query} value ({@code host:port}, {@code http(s)://host:port/prefix}, {@code dns+...}). */
  public static QueryEndpoint parse(String flagValue) {
    if (flagValue == null || flagValue.isEmpty()) {
      throw new IllegalArgumentException("static address cannot be empty");
    }
    String url = flagValue.contains("://") ? flagValue : "http://" + flagValue;
    int schemeEnd = url.indexOf("://");
    String scheme = url.substring(0, schemeEnd);
    String rest = url.substring(schemeEnd + 3);
    int slash = rest.indexOf('/');
    String host = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : rest.substring(slash);
    return new QueryEndpoint(scheme, host, path);
  }

  /** The base URLs this endpoint stands for now, through the system's DNS. */
  public List<URI> resolve() {
    List<String> errors = new ArrayList<>();
    List<URI> out = resolve(SYSTEM_DNS, errors);
    if (out.isEmpty() && !errors.isEmpty()) {
      throw new IllegalStateException(String.join("; ", errors));
    }
    return out;
  }

  /**
   * The base URLs this endpoint stands for now.
   *
   * @param errors receives failed lookups and unreadable discovery files
   */
  public List<URI> resolve(DnsResolver dns, List<String> errors) {
    List<String> addresses = sdFiles.isEmpty() ? List.of(address) : fileTargets(errors);
    List<URI> out = new ArrayList<>();
    for (String h : dns.resolve(addresses, errors)) {
      try {
        out.add(new URI(scheme + "://" + h + pathPrefix));
      } catch (URISyntaxException e) {
        errors.add("failed to parse addr \"" + h + "\": " + e.getMessage());
      }
    }
    return out;
  }

  private List<String> fileTargets(List<String> errors) {
    List<String> out = new ArrayList<>();
    for (String pattern : sdFiles) {
      for (Path file : glob(pattern, errors)) {
        try {
          Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
          if (root instanceof List<?> groups) {
            for (Object g : groups) {
              if (g instanceof Map<?, ?> m && m.get("targets") instanceof List<?> targets) {
                targets.forEach(t -> out.add(String.valueOf(t)));
              }
            }
          }
        } catch (IOException | RuntimeException e) {
          errors.add("file_sd " + file + ": " + e.getMessage());
        }
      }
    }
    return out;
  }

  private static List<Path> glob(String pattern, List<String> errors) {
    Path p = Path.of(pattern);
    Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
    if (!pattern.contains("*") && !pattern.contains("?") && !pattern.contains("[")) {
      return List.of(p);
    }
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + p.getFileName());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> m.matches(f.getFileName())).sorted().toList();
    } catch (IOException e) {
      errors.add("file_sd " + pattern + ": " + e.getMessage());
      return List.of();
    } catch (UncheckedIOException e) {
      errors.add("file_sd " + pattern + ": " + e.getMessage());
      return List.of();
    }
  }
}
