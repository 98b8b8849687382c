/**
 * The S3 provider on the AWS SDK for Java v2 (synchronous client, Apache HTTP transport), configured from
 * Thanos' S3 YAML: endpoint and addressing style, static or default-chain credentials, multipart uploads
 * with the configured part size, user metadata headers and server-side encryption. SDK retries are off:
 * {@link io.thanosjvm.objstore.retry.RetryingBucket} retries transient failures where they are visible.
 */
package io.thanosjvm.objstore.s3;
