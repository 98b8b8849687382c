package io.thanosjvm.fuzz;

import io.thanosjvm.compact.rewrite.DeletionConfigParser;
import io.thanosjvm.objstore.config.ObjstoreConfigLoader;
import io.thanosjvm.queryfrontend.cache.ResponseCacheConfigParser;
import io.thanosjvm.receive.LimitsConfig;
import io.thanosjvm.receive.hashring.HashringConfigParser;
import io.thanosjvm.relabel.RelabelConfigParser;
import io.thanosjvm.rules.RuleFileException;
import io.thanosjvm.rules.RuleFileParser;
import io.thanosjvm.server.http.WebConfig;
import io.thanosjvm.store.cache.IndexCacheConfigParser;
import io.thanosjvm.store.cachingbucket.CachingBucketConfigParser;
import io.thanosjvm.cacheutil.InvalidCacheConfigException;
import io.thanosjvm.testing.fuzz.Fuzzer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every configuration format the suite reads (objstore, index cache, caching bucket, response cache, relabel,
 * hashrings, receive limits, deletion requests, web config, rule files), mutated from a valid example: each parser
 * either accepts or refuses with its typed exception and a message, never with another exception, a hang or a
 * runaway allocation (YAML anchors and aliases included).
 */
class ConfigFilesFuzzTest {

  /** One format: a valid example, its parser, and its declared refusal. */
  record Format(String name, String example, Consumer<String> parser, Class<? extends Throwable> refusal) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<String> TOKENS = List.of(":", ": ", "\n", "\n  ", "- ", "[", "]", "{", "}", "\"", "'",
      "&a ", "*a", "<<: *a", "!!binary ", "!!python/object ", "? ", "|", ">", "#", "~", "null", "true", "-1",
      "1e400", "0x10", "9223372036854775808", "1GB", "5m", "-5m", "\t", "---\n", "...\n", "%YAML 1.2\n", "\\u0000",
      "type", "config", "bucket", "endpoint", "addresses", "max_size", "regex", "action", "source_labels",
      "hashring", "endpoints", "tenants", "matchers", "intervals", "groups", "rules", "expr", "for", "labels");

  static Stream<Format> formats() {
    return Stream.of(
        new Format("objstore", """
            type: S3
            config:
              bucket: thanos
              endpoint: 127.0.0.1:9000
              insecure: true
              http_config: {idle_conn_timeout: 90s, tls_config: {insecure_skip_verify: true}}
            prefix: tenant-a
            """, y -> ObjstoreConfigLoader.parse(y, "--objstore.config"), IllegalArgumentException.class),
        new Format("index-cache", """
            type: MEMCACHED
            config:
              addresses: [127.0.0.1:11211, "dns+memcached:11211"]
              timeout: 500ms
              max_async_buffer_size: 10000
              max_item_size: 1MiB
            enabled_items: [Postings, Series]
            """, IndexCacheConfigParser::parse, InvalidCacheConfigException.class),
        new Format("caching-bucket", """
            type: REDIS
            config:
              addr: 127.0.0.1:6379
              db: 1
              tls_enabled: false
            chunk_subrange_size: 16000
            max_chunks_get_range_requests: 3
            metafile_exists_ttl: 2h
            """, CachingBucketConfigParser::parse, InvalidCacheConfigException.class),
        new Format("response-cache", """
            type: IN-MEMORY
            config:
              max_size: 512MB
              max_size_items: 100
              validity: 6h
            """, y -> ResponseCacheConfigParser.parse(y), IllegalArgumentException.class),
        new Format("relabel", """
            - action: replace
              source_labels: [__name__, job]
              separator: ;
              regex: (.+);(api.*)
              target_label: kind
              replacement: $2-${1}
            - action: hashmod
              source_labels: [__meta_id]
              modulus: 3
              target_label: shard
            - action: keep
              source_labels: [shard]
              regex: "0"
            """, RelabelConfigParser::parse, IllegalArgumentException.class),
        new Format("hashrings", """
            [{"hashring": "tenants-a", "tenants": ["a", "b"], "tenant_matcher_type": "glob",
              "endpoints": ["r0:10901", {"address": "r1:10901", "az": "z1"}], "algorithm": "ketama"},
             {"endpoints": ["r2:10901"]}]
            """, HashringConfigParser::parse, IllegalArgumentException.class),
        new Format("receive-limits", """
            write:
              global:
                max_concurrency: 30
              default:
                request:
                  size_bytes_limit: 1024
                  series_limit: 1000
                  samples_limit: 10
                head_series_limit: 1000
              tenants:
                acme:
                  request:
                    size_bytes_limit: 0
            """, LimitsConfig::parse, IllegalArgumentException.class),
        new Format("deletion-requests", """
            - matchers: '{__name__="up", job=~"api.*"}'
              intervals:
                - {mint: 0, maxt: 1700000000000}
              request_id: r1
            """, DeletionConfigParser::parse, IllegalArgumentException.class),
        new Format("web-config", """
            tls_server_config:
              cert_file: /nonexistent/cert.pem
              key_file: /nonexistent/key.pem
              min_version: TLS12
            basic_auth_users:
              alice: $2y$10$QOauhQNbBCuQDKes6eFzPeMqBSjb7Mr5DUmpZ/VcEd00UAV/LDeSi
            http_server_config:
              headers:
                X-Frame-Options: deny
            """, y -> WebConfig.parse(y, "--http.config"), IllegalArgumentException.class),
        new Format("rule-file", """
            groups:
              - name: example
                interval: 30s
                partial_response_strategy: warn
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
                  - alert: Down
                    expr: up == 0
                    for: 5m
                    labels: {severity: page}
                    annotations:
                      summary: "{{ $labels.instance }} down: {{ $value | humanize }}"
            """, y -> RuleFileParser.parse("rules.yml", y), RuleFileException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("formats")
  void mutatedConfigIsAcceptedOrRefusedClearly(Format format) {
    Fuzzer.named(format.name())
        .corpus(List.of(format.example().getBytes(StandardCharsets.UTF_8)))
        .dictionary(TOKENS.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList())
        .expecting(format.refusal())
        .allocationBudget(len -> (48L << 20) + 4096L * len)
        .iterations(4_000)
        .run(input -> format.parser().accept(new String(input, StandardCharsets.UTF_8)))
        .assertNoFindings();
  }
}
