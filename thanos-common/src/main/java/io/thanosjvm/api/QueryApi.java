package io.thanosjvm.api;

import io.thanosjvm.model.Labels;
import io.thanosjvm.model.Matcher;
import io.thanosjvm.promql.PromqlParseException;
import io.thanosjvm.promql.QueryCanceledException;
import io.thanosjvm.promql.QueryExecutionException;
import io.thanosjvm.promql.QueryTimeoutException;
import io.thanosjvm.promql.ast.Expr;
import io.thanosjvm.promql.ast.VectorSelector;
import io.thanosjvm.promql.engine.Engine;
import io.thanosjvm.promql.engine.QueryControl;
import io.thanosjvm.promql.engine.QueryResult;
import io.thanosjvm.promql.parser.PromqlParser;
import io.thanosjvm.query.InProcessCall;
import io.thanosjvm.query.ShardingStore;
import io.thanosjvm.query.StoreQueryable;
import io.thanosjvm.query.TenantEnforcingStore;
import io.thanosjvm.store.VerticalShard;
import io.thanosjvm.store.WireMatchers;
import io.thanosjvm.tenancy.InvalidTenantException;
import io.thanosjvm.tenancy.QueryTenancy;
import io.thanosjvm.tenancy.TenantEnforcement;
import io.thanosjvm.wire.storepb.LabelNamesRequest;
import io.thanosjvm.wire.storepb.LabelNamesResponse;
import io.thanosjvm.wire.storepb.LabelValuesRequest;
import io.thanosjvm.wire.storepb.LabelValuesResponse;
import io.thanosjvm.wire.storepb.PartialResponseStrategy;
import io.thanosjvm.wire.storepb.SeriesRequest;
import io.thanosjvm.wire.storepb.SeriesResponse;
import io.thanosjvm.wire.storepb.StoreGrpc;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;

/**
 * Prometheus' query, series and label endpoints over the PromQL engine and a StoreAPI (the querier's proxy),
 * with Prometheus' parameters, validation messages and error types. Thanos' {@code partial_response}
 * parameter selects WARN or ABORT for store failures. With replica labels configured (or given as
 * {@code replicaLabels[]}), series differing only in them are deduplicated unless {@code dedup=false}.
 * {@code max_source_resolution} ({@link DownsamplingParams}) lets queries read downsampled blocks. With tenancy
 * enforced ({@link #withTenancy}), every call reaches the stores confined to the request's tenant.
 */
public final class QueryApi {

  /** Thanos' per-request override of the engine's lookback delta. */
  private static final String LOOKBACK_DELTA = "lookback_delta";
  /** Thanos' vertical sharding parameter: JSON of {@code ShardInfo}. */
  public static final String SHARD_INFO = "shard_info";

  private final Engine engine;
  private final StoreGrpc.StoreImplBase store;
  private final InstantSource clock;
  private final boolean partialResponseDefault;
  private final List<String> replicaLabelsDefault;
  private final DownsamplingParams downsampling;
  private final QueryTenancy tenancy;

  /** The API over {@code store} evaluating with {@code engine}, without replica labels. */
  public QueryApi(Engine engine, StoreGrpc.StoreImplBase store, InstantSource clock, boolean partialResponseDefault) {
    this(engine, store, clock, partialResponseDefault, List.of());
  }

  /**
   * The API over {@code store} evaluating with {@code engine}; {@code replicaLabels} (the
   * {@code --query.replica-label} flag) are the default replica labels for deduplication.
   */
  public QueryApi(Engine engine, StoreGrpc.StoreImplBase store, InstantSource clock, boolean partialResponseDefault,
      List<String> replicaLabels) {
    this(engine, store, clock, partialResponseDefault, replicaLabels, DownsamplingParams.defaults());
  }

  /**
   * The API as above with the querier's downsampling flags ({@code --query.auto-downsampling},
   * {@code --query.instant.default.max_source_resolution}, {@code --query.dynamic-lookback-delta}).
   */
  public QueryApi(Engine engine, StoreGrpc.StoreImplBase store, InstantSource clock, boolean partialResponseDefault,
      List<String> replicaLabels, DownsamplingParams downsampling) {
    this(engine, store, clock, partialResponseDefault, replicaLabels, downsampling, QueryTenancy.DEFAULTS);
  }

  private QueryApi(Engine engine, StoreGrpc.StoreImplBase store, InstantSource clock, boolean partialResponseDefault,
      List<String> replicaLabels, DownsamplingParams downsampling, QueryTenancy tenancy) {
    this.downsampling = java.util.Objects.requireNonNull(downsampling, "downsampling");
    this.tenancy = java.util.Objects.requireNonNull(tenancy, "tenancy");
    this.engine = engine;
    this.store = store;
    this.clock = clock;
    this.partialResponseDefault = partialResponseDefault;
    this.replicaLabelsDefault = List.copyOf(replicaLabels);
  }

  /** This API with the querier's tenancy settings ({@code --query.enforce-tenancy} and friends). */
  public QueryApi withTenancy(QueryTenancy tenancy) {
    return new QueryApi(engine, store, clock, partialResponseDefault, replicaLabelsDefault, downsampling, tenancy);
  }

  /** {@code /api/v1/query}. */
  public ApiResponse query(ApiParams p) {
    return answer(() -> {
      long time = p.time("time", clock.millis());
      long window = downsampling.instantWindow(p);
      Expr expr = parse(p.get("query"), true);
      QueryResult r = evaluate(() -> engine(p, window).instantQuery(queryable(p, window), expr, time,
          new QueryControl()));
      return ApiResponse.success(ResultJson.body(r.value()), r.warnings());
    });
  }

  /** {@code /api/v1/query_range}. */
  public ApiResponse queryRange(ApiParams p) {
    return answer(() -> {
      RangeParams range = RangeParams.of(p);
      long start = range.start();
      long end = range.end();
      long step = range.step();
      long window = downsampling.rangeWindow(p, step);
      Expr expr = parse(p.get("query"), false);
      QueryResult r = evaluate(() -> engine(p, window).rangeQuery(queryable(p, window), expr, start, end, step,
          new QueryControl()));
      return ApiResponse.success(ResultJson.body(r.value()), r.warnings());
    });
  }

  /** {@code /api/v1/series}. */
  public ApiResponse series(ApiParams p) {
    return answer(() -> {
      List<String> selectors = p.all("match[]");
      if (selectors.isEmpty()) {
        throw new ApiException(ApiError.BAD_DATA, "no match[] parameter provided");
      }
      long start = p.time("start", ApiParams.MIN_TIME);
      long end = p.time("end", ApiParams.MAX_TIME);
      TreeSet<Labels> all = new TreeSet<>();
      List<String> warnings = new ArrayList<>();
      for (String sel : selectors) {
        SeriesRequest.Builder req = SeriesRequest.newBuilder().setMinTime(start).setMaxTime(end).setSkipChunks(true)
            .setPartialResponseStrategy(strategy(p)).addAllWithoutReplicaLabels(replicaLabels(p));
        matchers(sel).forEach(m -> req.addMatchers(WireMatchers.toStore(m)));
        for (SeriesResponse r : call(store(p), req.build())) {
          if (r.hasWarning()) {
            warnings.add(r.getWarning());
          } else if (r.hasSeries()) {
            Labels.Builder b = Labels.builder();
            r.getSeries().getLabelsList().forEach(l -> b.set(l.getName(), l.getValue()));
            all.add(b.build());
          }
        }
      }
      return ApiResponse.success(JsonBody.array(all, PromJson::labels), warnings);
    });
  }

  /** Series counted by {@link #tsdbStatus} when no {@code match[]} narrows them. */
  private static final String ALL_SERIES = "{__name__=~\".+\"}";

  /**
   * {@code /api/v1/status/tsdb} over the stores (the cardinality explorer): the series whose chunks overlap
   * {@code [start, end]} (default: the two hours before {@code end}, default now), optionally narrowed by one
   * {@code match[]}, fetched with {@code skip_chunks} (stores read their indexes only, never chunks), replica labels
   * removed as for queries, and counted once each by {@link TsdbStatus}; each list holds the top {@code limit}
   * (default 10).
   */
  public ApiResponse tsdbStatus(ApiParams p) {
    return answer(() -> {
      long end = p.time("end", clock.millis());
      long start = p.time("start", end - 2 * 3_600_000L);
      if (end < start) {
        throw ApiException.badParameter("end", "end timestamp must not be before start time");
      }
      int limit = 10;
      String l = p.get("limit");
      if (l != null && !l.isEmpty()) {
        try {
          limit = Integer.parseInt(l);
        } catch (NumberFormatException e) {
          limit = 0;
        }
        if (limit <= 0) {
          throw new ApiException(ApiError.BAD_DATA, "limit must be a positive number");
        }
      }
      List<String> selectors = p.all("match[]");
      if (selectors.size() > 1) {
        throw ApiException.badParameter("match[]", "at most one match[] is supported");
      }
      SeriesRequest.Builder req = SeriesRequest.newBuilder().setMinTime(start).setMaxTime(end).setSkipChunks(true)
          .setPartialResponseStrategy(strategy(p)).addAllWithoutReplicaLabels(replicaLabels(p));
      matchers(selectors.isEmpty() ? ALL_SERIES : selectors.get(0))
          .forEach(m -> req.addMatchers(WireMatchers.toStore(m)));
      TsdbStatus stats = new TsdbStatus();
      List<String> warnings = new ArrayList<>();
      StoreGrpc.StoreImplBase stores = store(p);
      try {
        InProcessCall.<SeriesResponse>stream(o -> stores.series(req.build(), o), r -> {
          if (r.hasWarning()) {
            warnings.add(r.getWarning());
          } else if (r.hasSeries()) {
            Labels.Builder b = Labels.builder();
            r.getSeries().getLabelsList().forEach(x -> b.set(x.getName(), x.getValue()));
            stats.add(b.build());
          }
        });
      } catch (ExecutionException e) {
        throw new ApiException(ApiError.EXECUTION, "fetching from stores: " + e.getCause().getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiException(ApiError.CANCELED, "interrupted");
      }
      return ApiResponse.success(stats.json(limit, start, end), warnings);
    });
  }

  /** {@code /api/v1/labels}. */
  public ApiResponse labels(ApiParams p) {
    return answer(() -> {
      LabelNamesRequest.Builder req = LabelNamesRequest.newBuilder()
          .setStart(p.time("start", ApiParams.MIN_TIME)).setEnd(p.time("end", ApiParams.MAX_TIME))
          .setPartialResponseStrategy(strategy(p));
      for (String sel : p.all("match[]")) {
        matchers(sel).forEach(m -> req.addMatchers(WireMatchers.toStore(m)));
      }
      StoreGrpc.StoreImplBase stores = store(p);
      LabelNamesResponse r = unary(o -> stores.labelNames(req.build(), o));
      return ApiResponse.success(stringArray(r.getNamesList()), r.getWarningsList());
    });
  }

  /** {@code /api/v1/label/<name>/values}. */
  public ApiResponse labelValues(String name, ApiParams p) {
    return answer(() -> {
      if (!io.thanosjvm.model.Label.isValidName(name)) {
        throw new ApiException(ApiError.BAD_DATA, "invalid label name: \"" + name + "\"");
      }
      LabelValuesRequest.Builder req = LabelValuesRequest.newBuilder().setLabel(name)
          .setStart(p.time("start", ApiParams.MIN_TIME)).setEnd(p.time("end", ApiParams.MAX_TIME))
          .setPartialResponseStrategy(strategy(p));
      for (String sel : p.all("match[]")) {
        matchers(sel).forEach(m -> req.addMatchers(WireMatchers.toStore(m)));
      }
      StoreGrpc.StoreImplBase stores = store(p);
      LabelValuesResponse r = unary(o -> stores.labelValues(req.build(), o));
      return ApiResponse.success(stringArray(r.getValuesList()), r.getWarningsList());
    });
  }

  private interface Action {
    ApiResponse run();
  }

  private interface Evaluation {
    QueryResult run();
  }

  private static ApiResponse answer(Action a) {
    try {
      return a.run();
    } catch (ApiException e) {
      return ApiResponse.error(e.error(), e.getMessage());
    }
  }

  private static QueryResult evaluate(Evaluation e) {
    try {
      return e.run();
    } catch (QueryTimeoutException t) {
      throw new ApiException(ApiError.TIMEOUT, t.getMessage());
    } catch (QueryCanceledException c) {
      throw new ApiException(ApiError.CANCELED, c.getMessage());
    } catch (QueryExecutionException x) {
      throw new ApiException(ApiError.EXECUTION, x.getMessage());
    }
  }

  private StoreQueryable queryable(ApiParams p, long maxResolutionWindow) {
    StoreGrpc.StoreImplBase stores = store(p);
    VerticalShard shard = shardInfo(p);
    if (shard != null) {
      stores = new ShardingStore(stores, shard);
    }
    return new StoreQueryable(stores, strategy(p), replicaLabels(p), maxResolutionWindow);
  }

  /** Thanos' {@code shard_info} parameter (sent by the query frontend's vertical sharding), null when absent. */
  private static VerticalShard shardInfo(ApiParams p) {
    try {
      return VerticalShard.parseJson(p.get(SHARD_INFO));
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiError.BAD_DATA, "could not parse shard info: " + e.getMessage());
    }
  }

  /** The stores as this request may see them: confined to its tenant when tenancy is enforced. */
  private StoreGrpc.StoreImplBase store(ApiParams p) {
    TenantEnforcement enforcement;
    try {
      enforcement = tenancy.enforcement(p.header(tenancy.tenantHeader()));
    } catch (InvalidTenantException e) {
      throw new ApiException(ApiError.BAD_DATA, e.getMessage());
    }
    return enforcement == null ? store : new TenantEnforcingStore(store, enforcement);
  }

  /**
   * The engine for a query reading up to {@code window}: another lookback delta when the {@code lookback_delta}
   * parameter sets a positive one (it wins, as in Thanos) or when the dynamic lookback delta must grow.
   */
  private Engine engine(ApiParams p, long window) {
    java.time.Duration base = engine.options().lookbackDelta();
    long requested = lookbackDeltaParam(p);
    java.time.Duration lookback = requested > 0 ? java.time.Duration.ofMillis(requested)
        : downsampling.lookbackDelta(base, window);
    return lookback.equals(base) ? engine : new Engine(engine.options().withLookbackDelta(lookback));
  }

  /** The {@code lookback_delta} parameter in ms, 0 when absent; Thanos' error text when it is no duration. */
  private static long lookbackDeltaParam(ApiParams p) {
    String v = p.get(LOOKBACK_DELTA);
    if (v == null || v.isEmpty()) {
      return 0;
    }
    try {
      return ApiParams.parseDuration(v);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiError.BAD_DATA, "'" + LOOKBACK_DELTA + "' parameter: " + e.getMessage());
    }
  }

  /** The replica labels to deduplicate by: none when {@code dedup} is false, else the parameter or the flag. */
  private List<String> replicaLabels(ApiParams p) {
    String dedup = p.get("dedup");
    if (dedup != null && !dedup.isEmpty() && !parseBool("dedup", dedup)) {
      return List.of();
    }
    List<String> given = p.all("replicaLabels[]");
    return given.isEmpty() ? replicaLabelsDefault : given;
  }

  private static boolean parseBool(String name, String v) {
    return switch (v) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new ApiException(ApiError.BAD_DATA,
          "'" + name + "' parameter: strconv.ParseBool: parsing \"" + v + "\": invalid syntax");
    };
  }

  private PartialResponseStrategy strategy(ApiParams p) {
    String v = p.get("partial_response");
    boolean partial = v == null || v.isEmpty() ? partialResponseDefault : Boolean.parseBoolean(v) || v.equals("1");
    return partial ? PartialResponseStrategy.WARN : PartialResponseStrategy.ABORT;
  }

  private static Expr parse(String query, boolean instant) {
    try {
      return PromqlParser.parse(query == null ? "" : query);
    } catch (PromqlParseException e) {
      throw instant ? ApiException.badParameter("query", e.getMessage())
          : new ApiException(ApiError.BAD_DATA, e.getMessage());
    }
  }

  private static List<Matcher> matchers(String selector) {
    Expr e;
    try {
      e = PromqlParser.parse(selector);
    } catch (PromqlParseException x) {
      if (x.getMessage().contains("vector selector must contain at least one non-empty matcher")) {
        // Prometheus parses match[] without that check and answers with its own message
        throw ApiException.badParameter("match[]", "match[] must contain at least one non-empty matcher");
      }
      throw ApiException.badParameter("match[]", x.getMessage());
    }
    if (!(e instanceof VectorSelector vs)) {
      throw ApiException.badParameter("match[]", "1:1: parse error: expected type instant vector in selector");
    }
    List<Matcher> ms = vs.matchers();
    if (ms.stream().allMatch(Matcher::matchesEmpty)) {
      throw ApiException.badParameter("match[]", "match[] must contain at least one non-empty matcher");
    }
    return ms;
  }

  private static List<SeriesResponse> call(StoreGrpc.StoreImplBase stores, SeriesRequest request) {
    return collect(o -> stores.series(request, o));
  }

  private static <T> T unary(java.util.function.Consumer<io.grpc.stub.StreamObserver<T>> call) {
    return collect(call).get(0);
  }

  private static <T> List<T> collect(java.util.function.Consumer<io.grpc.stub.StreamObserver<T>> call) {
    try {
      return InProcessCall.collect(call);
    } catch (ExecutionException e) {
      throw new ApiException(ApiError.EXECUTION, "fetching from stores: " + e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(ApiError.CANCELED, "interrupted");
    }
  }

  private static JsonBody stringArray(List<String> values) {
    return JsonBody.array(values, PromJson::string);
  }
}
