/**
 * The objstore YAML of {@code --objstore.config-file} / {@code --objstore.config}: top-level {@code type},
 * {@code config} and {@code prefix}, and one validated record per provider with every key real Thanos
 * accepts. Top level, S3, GCS and AZURE are parsed strictly (unknown keys fail, naming the key and its
 * source), FILESYSTEM leniently, like Thanos.
 *
 * <p>Keys that are accepted (so Thanos files load unchanged) but have no effect with the Java SDKs:
 * S3 {@code disable_dualstack}, {@code send_content_md5} (checksums are sent when an operation requires
 * them), {@code sts_endpoint} (the default chain's STS endpoint applies); {@code http_config}'s {@code
 * expect_continue_timeout}, {@code max_idle_conns}, {@code disable_compression} and {@code tls_config}'s
 * {@code cert_file}/{@code key_file}/{@code server_name}; GCS {@code grpc_conn_pool_size}; Azure {@code
 * reader_config.max_retry_requests} and {@code msi_resource}. S3 {@code signature_version2: true} is
 * refused when the bucket is created.
 */
package io.thanosjvm.objstore.config;
