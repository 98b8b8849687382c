package io.thanosjvm.objstore.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.util.HttpClientOptions;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import io.thanosjvm.objstore.config.AzureConfig;
import io.thanosjvm.objstore.config.HttpConfig;
import java.time.Duration;

/** Builds the blob service client for an {@link AzureConfig}. */
final class AzureClients {

  private AzureClients() {}

  /** Creates the client: one attempt per call (retries happen above), bounded by the try timeout. */
  static BlobServiceClient serviceClient(AzureConfig config) {
    HttpConfig http = config.httpConfig();
    Duration tryTimeout = config.pipeline().tryTimeout().isZero()
        ? http.effectiveResponseTimeout() : config.pipeline().tryTimeout();
    HttpClientOptions httpOptions = new HttpClientOptions()
        .setConnectTimeout(http.effectiveConnectTimeout())
        .setResponseTimeout(http.effectiveResponseTimeout())
        .setReadTimeout(http.effectiveResponseTimeout())
        .setConnectionIdleTimeout(http.effectiveIdleTimeout())
        .setMaximumConnectionPoolSize(http.effectiveMaxConnections());
    BlobServiceClientBuilder builder = new BlobServiceClientBuilder()
        .httpClient(HttpClient.createDefault(httpOptions))
        .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 1,
            Duration.ofSeconds(Math.max(1, tryTimeout.toSeconds())), null, null, null));
    if (!config.storageConnectionString().isEmpty()) {
      return builder.connectionString(config.storageConnectionString()).buildClient();
    }
    builder.endpoint(config.serviceUrl());
    if (!config.storageAccountKey().isEmpty()) {
      builder.credential(new StorageSharedKeyCredential(config.storageAccount(), config.storageAccountKey()));
    } else {
      builder.credential(tokenCredential(config));
    }
    return builder.buildClient();
  }

  private static TokenCredential tokenCredential(AzureConfig config) {
    if (!config.userAssignedId().isEmpty()) {
      return new ManagedIdentityCredentialBuilder().clientId(config.userAssignedId()).build();
    }
    if (!config.azTenantId().isEmpty() && !config.clientId().isEmpty() && !config.clientSecret().isEmpty()) {
      return new ClientSecretCredentialBuilder().tenantId(config.azTenantId())
          .clientId(config.clientId()).clientSecret(config.clientSecret()).build();
    }
    DefaultAzureCredentialBuilder fallback = new DefaultAzureCredentialBuilder();
    if (!config.clientId().isEmpty()) {
      fallback.managedIdentityClientId(config.clientId()).workloadIdentityClientId(config.clientId());
    }
    if (!config.azTenantId().isEmpty()) {
      fallback.tenantId(config.azTenantId());
    }
    return fallback.build();
  }
}
