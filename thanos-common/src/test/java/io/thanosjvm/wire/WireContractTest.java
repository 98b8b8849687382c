package io.thanosjvm.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import io.thanosjvm.wire.hintspb.HintsProto;
import io.thanosjvm.wire.infopb.InfoRpcProto;
import io.thanosjvm.wire.prompb.PrometheusRemoteProto;
import io.thanosjvm.wire.rulespb.RulesRpcProto;
import io.thanosjvm.wire.storepb.StoreRpcProto;
import io.thanosjvm.wire.writev2.RemoteWriteV2Proto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Our wire contract: every message, field number, field type, enum value and RPC that real Thanos (storepb,
 * labelpb, hintspb, infopb; thanos-facts §2.1-§2.4; rulespb from Thanos' pkg/rules/rulespb/rpc.proto) and
 * Prometheus (prompb remote read/write) put on the wire.
 * The expectations are written out by hand from those tables, independently of our .proto files, so this
 * test fails if a field moves.
 */
class WireContractTest {

  // message: "number name type[ repeated]" entries; type is a scalar, or a full message/enum name.
  private static final String MESSAGES = """
      thanos.Label: 1 name string; 2 value string
      thanos.LabelSet: 1 labels .thanos.Label rep
      thanos.ZLabelSet: 1 labels .thanos.Label rep
      thanos.SeriesRequest: 1 min_time int64; 2 max_time int64; 3 matchers .thanos.LabelMatcher rep; \
        4 max_resolution_window int64; 5 aggregates .thanos.Aggr rep; 6 partial_response_disabled bool; \
        7 partial_response_strategy .thanos.PartialResponseStrategy; 8 skip_chunks bool; \
        9 hints .google.protobuf.Any; 10 step int64; 11 range int64; 12 query_hints .thanos.QueryHints; \
        13 shard_info .thanos.ShardInfo; 14 without_replica_labels string rep; 15 limit int64; \
        16 response_batch_size int64
      thanos.QueryHints: 1 step_millis int64; 2 func .thanos.Func; 4 grouping .thanos.Grouping; \
        5 range .thanos.Range; 6 projection_labels string rep; 7 projection_include bool; \
        8 series_hash_label_name string
      thanos.Func: 1 name string
      thanos.Grouping: 1 by bool; 3 labels string rep
      thanos.Range: 1 millis int64
      thanos.ShardInfo: 1 shard_index int64; 2 total_shards int64; 3 by bool; 4 labels string rep
      thanos.SeriesResponse: 1 series .thanos.Series; 2 warning string; 3 hints .google.protobuf.Any; \
        4 batch .thanos.SeriesBatch
      thanos.SeriesBatch: 1 series .thanos.Series rep
      thanos.Series: 1 labels .thanos.Label rep; 2 chunks .thanos.AggrChunk rep
      thanos.AggrChunk: 1 min_time int64; 2 max_time int64; 3 raw .thanos.Chunk; 4 count .thanos.Chunk; \
        5 sum .thanos.Chunk; 6 min .thanos.Chunk; 7 max .thanos.Chunk; 8 counter .thanos.Chunk
      thanos.Chunk: 1 type .thanos.Chunk.Encoding; 2 data bytes; 3 hash uint64
      thanos.LabelMatcher: 1 type .thanos.LabelMatcher.Type; 2 name string; 3 value string
      thanos.LabelNamesRequest: 1 partial_response_disabled bool; \
        2 partial_response_strategy .thanos.PartialResponseStrategy; 3 start int64; 4 end int64; \
        5 hints .google.protobuf.Any; 6 matchers .thanos.LabelMatcher rep; 7 without_replica_labels string rep; \
        8 limit int64
      thanos.LabelNamesResponse: 1 names string rep; 2 warnings string rep; 3 hints .google.protobuf.Any
      thanos.LabelValuesRequest: 1 label string; 2 partial_response_disabled bool; \
        3 partial_response_strategy .thanos.PartialResponseStrategy; 4 start int64; 5 end int64; \
        6 hints .google.protobuf.Any; 7 matchers .thanos.LabelMatcher rep; 8 without_replica_labels string rep; \
        9 limit int64
      thanos.LabelValuesResponse: 1 values string rep; 2 warnings string rep; 3 hints .google.protobuf.Any
      thanos.WriteRequest: 1 timeseries .prometheus_copy.TimeSeries rep; 2 tenant string; 3 replica int64; \
        4 timeseriesTenantData .thanos.TimeSeriesTenantTuple rep
      thanos.TimeSeriesTenantTuple: 1 timeseries .prometheus_copy.TimeSeries rep; 2 tenant string
      thanos.WriteResponse:
      thanos.SymTableLabel: 1 name_ref uint32; 2 value_ref uint32
      thanos.SymbolTable: 1 offsets uint32 rep; 2 table bytes
      prometheus_copy.TimeSeries: 1 labels .thanos.Label rep; 2 samples .prometheus_copy.Sample rep; \
        3 exemplars .prometheus_copy.Exemplar rep; 4 histograms .prometheus_copy.Histogram rep
      prometheus_copy.Sample: 1 value double; 2 timestamp int64
      prometheus_copy.Exemplar: 1 labels .thanos.Label rep; 2 value double; 3 timestamp int64
      prometheus_copy.Histogram: 1 count_int uint64; 2 count_float double; 3 sum double; 4 schema sint32; \
        5 zero_threshold double; 6 zero_count_int uint64; 7 zero_count_float double; \
        8 negative_spans .prometheus_copy.BucketSpan rep; 9 negative_deltas sint64 rep; \
        10 negative_counts double rep; 11 positive_spans .prometheus_copy.BucketSpan rep; \
        12 positive_deltas sint64 rep; 13 positive_counts double rep; \
        14 reset_hint .prometheus_copy.Histogram.ResetHint; 15 timestamp int64; 16 custom_values double rep
      prometheus_copy.BucketSpan: 1 offset sint32; 2 length uint32
      io.prometheus.write.v2.Request: 4 symbols string rep; 5 timeseries .io.prometheus.write.v2.TimeSeries rep
      io.prometheus.write.v2.TimeSeries: 1 labels_refs uint32 rep; 2 samples .io.prometheus.write.v2.Sample rep; \
        3 histograms .io.prometheus.write.v2.Histogram rep; 4 exemplars .io.prometheus.write.v2.Exemplar rep; \
        5 metadata .io.prometheus.write.v2.Metadata; 6 created_timestamp int64
      io.prometheus.write.v2.Sample: 1 value double; 2 timestamp int64
      io.prometheus.write.v2.Exemplar: 1 labels_refs uint32 rep; 2 value double; 3 timestamp int64
      io.prometheus.write.v2.Metadata: 1 type .io.prometheus.write.v2.Metadata.MetricType; 3 help_ref uint32; \
        4 unit_ref uint32
      io.prometheus.write.v2.Histogram: 1 count_int uint64; 2 count_float double; 3 sum double; 4 schema sint32; \
        5 zero_threshold double; 6 zero_count_int uint64; 7 zero_count_float double; \
        8 negative_spans .io.prometheus.write.v2.BucketSpan rep; 9 negative_deltas sint64 rep; \
        10 negative_counts double rep; 11 positive_spans .io.prometheus.write.v2.BucketSpan rep; \
        12 positive_deltas sint64 rep; 13 positive_counts double rep; \
        14 reset_hint .io.prometheus.write.v2.Histogram.ResetHint; 15 timestamp int64; 16 custom_values double rep
      io.prometheus.write.v2.BucketSpan: 1 offset sint32; 2 length uint32
      hintspb.SeriesRequestHints: 1 block_matchers .thanos.LabelMatcher rep; 2 enable_query_stats bool
      hintspb.SeriesResponseHints: 1 queried_blocks .hintspb.Block rep; 2 query_stats .hintspb.QueryStats
      hintspb.Block: 1 id string
      hintspb.LabelNamesRequestHints: 1 block_matchers .thanos.LabelMatcher rep
      hintspb.LabelNamesResponseHints: 1 queried_blocks .hintspb.Block rep
      hintspb.LabelValuesRequestHints: 1 block_matchers .thanos.LabelMatcher rep
      hintspb.LabelValuesResponseHints: 1 queried_blocks .hintspb.Block rep
      hintspb.QueryStats: 1 blocks_queried int64; 2 merged_series_count int64; 3 merged_chunks_count int64; \
        4 postings_touched int64; 5 postings_touched_size_sum int64; 6 postings_to_fetch int64; \
        7 postings_fetched int64; 8 postings_fetched_size_sum int64; 9 postings_fetch_count int64; \
        10 series_touched int64; 11 series_touched_size_sum int64; 12 series_fetched int64; \
        13 series_fetched_size_sum int64; 14 series_fetch_count int64; 15 chunks_touched int64; \
        16 chunks_touched_size_sum int64; 17 chunks_fetched int64; 18 chunks_fetched_size_sum int64; \
        19 chunks_fetch_count int64; 20 data_downloaded_size_sum int64; \
        21 get_all_duration .google.protobuf.Duration; 22 merge_duration .google.protobuf.Duration
      thanos.RulesRequest: 1 type .thanos.RulesRequest.Type; \
        2 partial_response_strategy .thanos.PartialResponseStrategy; 3 matcher_string string rep; \
        4 rule_name string rep; 5 rule_group string rep; 6 file string rep
      thanos.RulesResponse: 1 group .thanos.RuleGroup; 2 warning string
      thanos.RuleGroups: 1 groups .thanos.RuleGroup rep
      thanos.RuleGroup: 1 name string; 2 file string; 3 rules .thanos.Rule rep; 4 interval double; \
        5 evaluation_duration_seconds double; 6 last_evaluation .google.protobuf.Timestamp; 9 limit int64; \
        8 PartialResponseStrategy .thanos.PartialResponseStrategy
      thanos.Rule: 1 recording .thanos.RecordingRule; 2 alert .thanos.Alert
      thanos.AlertInstance: 1 labels .thanos.LabelSet; 2 annotations .thanos.LabelSet; 3 state .thanos.AlertState; \
        4 active_at .google.protobuf.Timestamp; 5 value string; \
        6 PartialResponseStrategy .thanos.PartialResponseStrategy
      thanos.Alert: 1 state .thanos.AlertState; 2 name string; 3 query string; 4 duration_seconds double; \
        5 labels .thanos.LabelSet; 6 annotations .thanos.LabelSet; 7 alerts .thanos.AlertInstance rep; \
        8 health string; 9 last_error string; 10 evaluation_duration_seconds double; \
        11 last_evaluation .google.protobuf.Timestamp; 12 keep_firing_for_seconds double
      thanos.RecordingRule: 1 name string; 2 query string; 3 labels .thanos.LabelSet; 4 health string; \
        5 last_error string; 6 evaluation_duration_seconds double; 7 last_evaluation .google.protobuf.Timestamp
      thanos.info.InfoRequest:
      thanos.info.InfoResponse: 1 label_sets .thanos.ZLabelSet rep; 2 ComponentType string; \
        3 store .thanos.info.StoreInfo; 4 rules .thanos.info.RulesInfo; \
        5 metric_metadata .thanos.info.MetricMetadataInfo; 6 targets .thanos.info.TargetsInfo; \
        7 exemplars .thanos.info.ExemplarsInfo; 8 query .thanos.info.QueryAPIInfo; 9 status .thanos.info.StatusInfo
      thanos.info.StoreInfo: 1 min_time int64; 2 max_time int64; 3 supports_sharding bool; \
        5 supports_without_replica_labels bool; 6 tsdb_infos .thanos.info.TSDBInfo rep; 7 supports_projections bool
      thanos.info.TSDBInfo: 1 labels .thanos.ZLabelSet; 2 min_time int64; 3 max_time int64
      thanos.info.ExemplarsInfo: 1 min_time int64; 2 max_time int64
      thanos.info.RulesInfo:
      thanos.info.MetricMetadataInfo:
      thanos.info.TargetsInfo:
      thanos.info.QueryAPIInfo:
      thanos.info.StatusInfo:
      prometheus.WriteRequest: 1 timeseries .prometheus.TimeSeries rep; 3 metadata .prometheus.MetricMetadata rep
      prometheus.ReadRequest: 1 queries .prometheus.Query rep; \
        2 accepted_response_types .prometheus.ReadRequest.ResponseType rep
      prometheus.ReadResponse: 1 results .prometheus.QueryResult rep
      prometheus.Query: 1 start_timestamp_ms int64; 2 end_timestamp_ms int64; \
        3 matchers .prometheus.LabelMatcher rep; 4 hints .prometheus.ReadHints
      prometheus.QueryResult: 1 timeseries .prometheus.TimeSeries rep
      prometheus.ChunkedReadResponse: 1 chunked_series .prometheus.ChunkedSeries rep; 2 query_index int64
      prometheus.ChunkedSeries: 1 labels .prometheus.Label rep; 2 chunks .prometheus.Chunk rep
      prometheus.Chunk: 1 min_time_ms int64; 2 max_time_ms int64; 3 type .prometheus.Chunk.Encoding; 4 data bytes
      prometheus.TimeSeries: 1 labels .prometheus.Label rep; 2 samples .prometheus.Sample rep; \
        3 exemplars .prometheus.Exemplar rep; 4 histograms .prometheus.Histogram rep
      prometheus.Label: 1 name string; 2 value string
      prometheus.Sample: 1 value double; 2 timestamp int64
      prometheus.Exemplar: 1 labels .prometheus.Label rep; 2 value double; 3 timestamp int64
      prometheus.LabelMatcher: 1 type .prometheus.LabelMatcher.Type; 2 name string; 3 value string
      prometheus.ReadHints: 1 step_ms int64; 2 func string; 3 start_ms int64; 4 end_ms int64; \
        5 grouping string rep; 6 by bool; 7 range_ms int64
      prometheus.MetricMetadata: 1 type .prometheus.MetricMetadata.MetricType; 2 metric_family_name string; \
        4 help string; 5 unit string
      prometheus.Histogram: 1 count_int uint64; 2 count_float double; 3 sum double; 4 schema sint32; \
        5 zero_threshold double; 6 zero_count_int uint64; 7 zero_count_float double; \
        8 negative_spans .prometheus.BucketSpan rep; 9 negative_deltas sint64 rep; 10 negative_counts double rep; \
        11 positive_spans .prometheus.BucketSpan rep; 12 positive_deltas sint64 rep; \
        13 positive_counts double rep; 14 reset_hint .prometheus.Histogram.ResetHint; 15 timestamp int64
      prometheus.BucketSpan: 1 offset sint32; 2 length uint32
      """;

  private static final String ENUMS = """
      thanos.Aggr: RAW=0 COUNT=1 SUM=2 MIN=3 MAX=4 COUNTER=5
      thanos.PartialResponseStrategy: WARN=0 ABORT=1
      thanos.Chunk.Encoding: XOR=0 HISTOGRAM=1 FLOAT_HISTOGRAM=2
      thanos.LabelMatcher.Type: EQ=0 NEQ=1 RE=2 NRE=3
      thanos.RulesRequest.Type: ALL=0 ALERT=1 RECORD=2
      thanos.AlertState: INACTIVE=0 PENDING=1 FIRING=2
      prometheus.LabelMatcher.Type: EQ=0 NEQ=1 RE=2 NRE=3
      prometheus.Chunk.Encoding: UNKNOWN=0 XOR=1 HISTOGRAM=2
      prometheus.ReadRequest.ResponseType: SAMPLES=0 STREAMED_XOR_CHUNKS=1
      prometheus.MetricMetadata.MetricType: UNKNOWN=0 COUNTER=1 GAUGE=2 HISTOGRAM=3 GAUGEHISTOGRAM=4 SUMMARY=5 INFO=6 STATESET=7
      prometheus.Histogram.ResetHint: UNKNOWN=0 YES=1 NO=2 GAUGE=3
      io.prometheus.write.v2.Metadata.MetricType: METRIC_TYPE_UNSPECIFIED=0 METRIC_TYPE_COUNTER=1 \
        METRIC_TYPE_GAUGE=2 METRIC_TYPE_HISTOGRAM=3 METRIC_TYPE_GAUGEHISTOGRAM=4 METRIC_TYPE_SUMMARY=5 \
        METRIC_TYPE_INFO=6 METRIC_TYPE_STATESET=7
      io.prometheus.write.v2.Histogram.ResetHint: RESET_HINT_UNSPECIFIED=0 RESET_HINT_YES=1 RESET_HINT_NO=2 \
        RESET_HINT_GAUGE=3
      """;

  private static final List<FileDescriptor> FILES = List.of(StoreRpcProto.getDescriptor(),
      InfoRpcProto.getDescriptor(), HintsProto.getDescriptor(), PrometheusRemoteProto.getDescriptor(),
      RemoteWriteV2Proto.getDescriptor(), RulesRpcProto.getDescriptor());

  private static final Map<String, Descriptor> ALL_MESSAGES = new HashMap<>();
  private static final Map<String, EnumDescriptor> ALL_ENUMS = new HashMap<>();

  static {
    for (FileDescriptor f : FILES) {
      index(f);
    }
  }

  private static void index(FileDescriptor f) {
    for (FileDescriptor dep : f.getDependencies()) {
      index(dep);
    }
    for (Descriptor d : f.getMessageTypes()) {
      indexMessage(d);
    }
    for (EnumDescriptor e : f.getEnumTypes()) {
      ALL_ENUMS.put(e.getFullName(), e);
    }
  }

  private static void indexMessage(Descriptor d) {
    ALL_MESSAGES.put(d.getFullName(), d);
    d.getNestedTypes().forEach(WireContractTest::indexMessage);
    d.getEnumTypes().forEach(e -> ALL_ENUMS.put(e.getFullName(), e));
  }

  static Stream<String> messages() {
    return MESSAGES.lines().map(String::strip).filter(l -> !l.isEmpty());
  }

  static Stream<String> enums() {
    return ENUMS.lines().map(String::strip).filter(l -> !l.isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messages")
  void messageHasExactlyTheDocumentedFields(String spec) {
    int colon = spec.indexOf(':');
    String name = spec.substring(0, colon);
    Descriptor d = ALL_MESSAGES.get(name);
    assertThat(d).as("message %s exists", name).isNotNull();
    List<String> expected = new ArrayList<>();
    for (String f : spec.substring(colon + 1).split(";")) {
      if (!f.isBlank()) {
        expected.add(String.join(" ", f.trim().split("\\s+")));
      }
    }
    List<String> actual = new ArrayList<>();
    for (FieldDescriptor f : d.getFields()) {
      actual.add(render(f));
    }
    assertThat(actual).as("fields of %s", name).containsExactlyInAnyOrderElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("enums")
  void enumHasExactlyTheDocumentedValues(String spec) {
    int colon = spec.indexOf(':');
    String name = spec.substring(0, colon);
    EnumDescriptor e = ALL_ENUMS.get(name);
    assertThat(e).as("enum %s exists", name).isNotNull();
    List<String> actual = e.getValues().stream().map(v -> v.getName() + "=" + v.getNumber()).toList();
    assertThat(actual).containsExactly(spec.substring(colon + 1).trim().split("\\s+"));
  }

  @Test
  void servicesHaveTheFullMethodNamesQueriersCall() {
    Map<String, String> expected = Map.of(
        "/thanos.Store/Series", "server_stream thanos.SeriesRequest thanos.SeriesResponse",
        "/thanos.Store/LabelNames", "unary thanos.LabelNamesRequest thanos.LabelNamesResponse",
        "/thanos.Store/LabelValues", "unary thanos.LabelValuesRequest thanos.LabelValuesResponse",
        "/thanos.WriteableStore/RemoteWrite", "unary thanos.WriteRequest thanos.WriteResponse",
        "/thanos.info.Info/Info", "unary thanos.info.InfoRequest thanos.info.InfoResponse",
        "/thanos.Rules/Rules", "server_stream thanos.RulesRequest thanos.RulesResponse");
    Map<String, String> actual = new HashMap<>();
    for (FileDescriptor f : List.of(StoreRpcProto.getDescriptor(), InfoRpcProto.getDescriptor(),
        RulesRpcProto.getDescriptor())) {
      for (ServiceDescriptor s : f.getServices()) {
        for (MethodDescriptor m : s.getMethods()) {
          String kind = m.isServerStreaming() ? (m.isClientStreaming() ? "bidi" : "server_stream")
              : (m.isClientStreaming() ? "client_stream" : "unary");
          actual.put("/" + s.getFullName() + "/" + m.getName(),
              kind + " " + m.getInputType().getFullName() + " " + m.getOutputType().getFullName());
        }
      }
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void storeInfoReservesTheOldSendSortedField() {
    Descriptor storeInfo = ALL_MESSAGES.get("thanos.info.StoreInfo");
    assertThat(storeInfo.isReservedNumber(4)).isTrue();
  }

  private static String render(FieldDescriptor f) {
    String type = switch (f.getType()) {
      case MESSAGE -> "." + f.getMessageType().getFullName();
      case ENUM -> "." + f.getEnumType().getFullName();
      default -> f.getType().name().toLowerCase();
    };
    return f.getNumber() + " " + f.getName() + " " + type + (f.isRepeated() ? " rep" : "");
  }
}
