package io.thanosjvm.api;

import io.thanosjvm.query.endpoint.EndpointSet;
import io.thanosjvm.server.BuildInfo;
import io.thanosjvm.wire.infopb.InfoResponse;
import io.thanosjvm.wire.labelpb.Label;
import io.thanosjvm.wire.labelpb.ZLabelSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The querier's informational endpoints: {@code status/buildinfo}, {@code status/flags}, Thanos'
 * {@code /api/v1/stores}, and the endpoints that answer empty until a store serves them
 * ({@code query_exemplars}, {@code metadata}).
 */
public final class StatusApi {

  private final BuildInfo build;
  private final EndpointSet endpoints;
  private final Map<String, String> flags;

  /**
   * The API for a querier.
   *
   * @param flags every flag with its effective value, as strings
   */
  public StatusApi(BuildInfo build, EndpointSet endpoints, Map<String, String> flags) {
    this.build = build;
    this.endpoints = endpoints;
    this.flags = new TreeMap<>(flags);
  }

  /** {@code /api/v1/status/buildinfo}. */
  public ApiResponse buildInfo() {
    StringBuilder sb = new StringBuilder("{");
    field(sb, "version", build.version()).append(',');
    field(sb, "revision", build.revision()).append(',');
    field(sb, "branch", build.branch()).append(',');
    field(sb, "buildUser", build.buildUser()).append(',');
    field(sb, "buildDate", build.buildDate()).append(',');
    field(sb, "goVersion", build.runtimeVersion());
    return ApiResponse.success(sb.append('}').toString(), List.of());
  }

  /** {@code /api/v1/status/flags}: every flag as a string. */
  public ApiResponse flags() {
    StringBuilder sb = new StringBuilder("{");
    flags.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(',');
      }
      field(sb, k, v);
    });
    return ApiResponse.success(sb.append('}').toString(), List.of());
  }

  /**
   * Thanos' {@code /api/v1/stores}: endpoints grouped by component type, each with name, label sets, time
   * range and last error.
   */
  public ApiResponse stores() {
    Map<String, List<EndpointSet.Status>> byType = new TreeMap<>();
    for (EndpointSet.Status s : endpoints.statuses()) {
      String type = s.info() == null ? "unknown" : componentType(s.info());
      byType.computeIfAbsent(type, k -> new ArrayList<>()).add(s);
    }
    StringBuilder sb = new StringBuilder("{");
    byType.forEach((type, list) -> {
      if (sb.length() > 1) {
        sb.append(',');
      }
      PromJson.string(sb, type);
      sb.append(":[");
      for (int i = 0; i < list.size(); i++) {
        EndpointSet.Status s = list.get(i);
        sb.append(i == 0 ? "{" : ",{");
        field(sb, "name", s.address()).append(",\"lastError\":");
        if (s.error() == null || s.error().isEmpty()) {
          sb.append("null");
        } else {
          PromJson.string(sb, s.error());
        }
        sb.append(",\"labelSets\":[");
        if (s.info() != null) {
          for (int j = 0; j < s.info().getLabelSetsCount(); j++) {
            sb.append(j == 0 ? "" : ",");
            labelSet(sb, s.info().getLabelSets(j));
          }
        }
        sb.append(']');
        if (s.info() != null && s.info().hasStore()) {
          sb.append(",\"minTime\":").append(s.info().getStore().getMinTime())
              .append(",\"maxTime\":").append(s.info().getStore().getMaxTime());
        }
        sb.append('}');
      }
      sb.append(']');
    });
    return ApiResponse.success(sb.append('}').toString(), List.of());
  }

  /** {@code /api/v1/query_exemplars}: none are served yet. */
  public ApiResponse exemplars() {
    return ApiResponse.success("[]", List.of());
  }

  /** {@code /api/v1/metadata}: none is served yet. */
  public ApiResponse metadata() {
    return ApiResponse.success("{}", List.of());
  }

  private static String componentType(InfoResponse info) {
    String t = info.getComponentType();
    return switch (t) {
      case "sidecar", "store", "query", "rule", "receive", "debug" -> t;
      default -> "unknown-store-api";
    };
  }

  private static void labelSet(StringBuilder sb, ZLabelSet set) {
    sb.append('{');
    for (int i = 0; i < set.getLabelsCount(); i++) {
      Label l = set.getLabels(i);
      if (i > 0) {
        sb.append(',');
      }
      field(sb, l.getName(), l.getValue());
    }
    sb.append('}');
  }

  private static StringBuilder field(StringBuilder sb, String key, String value) {
    PromJson.string(sb, key);
    sb.append(':');
    PromJson.string(sb, value);
    return sb;
  }
}
