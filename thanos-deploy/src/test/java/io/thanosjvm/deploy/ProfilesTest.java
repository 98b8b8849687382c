package io.thanosjvm.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.thanosjvm.autoconfigure.ThanosCompactProperties;
import io.thanosjvm.autoconfigure.ThanosProperties;
import io.thanosjvm.autoconfigure.ThanosSidecarProperties;
import io.thanosjvm.autoconfigure.ThanosStoreProperties;
import io.thanosjvm.objstore.config.AzureConfig;
import io.thanosjvm.objstore.config.FilesystemConfig;
import io.thanosjvm.objstore.config.GcsConfig;
import io.thanosjvm.objstore.config.ObjstoreConfig;
import io.thanosjvm.objstore.config.ProviderType;
import io.thanosjvm.objstore.config.S3Config;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The Spring profiles per environment ({@code application-<env>.yml} in the library, so every app has them) load
 * through Spring Boot's own config-data processing and give the components what the README's table says.
 */
class ProfilesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({ThanosProperties.class, ThanosStoreProperties.class, ThanosCompactProperties.class,
      ThanosSidecarProperties.class})
  static class PropertiesOnly {}

  private static ConfigurableApplicationContext start(String profiles, Map<String, Object> env, String... args) {
    return new SpringApplicationBuilder(PropertiesOnly.class).web(WebApplicationType.NONE).profiles(profiles)
        .properties(env).run(args);
  }

  private static List<ObjstoreConfig> buckets(ConfigurableApplicationContext ctx) {
    return List.of(ctx.getBean(ThanosStoreProperties.class).getObjstore().load().orElseThrow(),
        ctx.getBean(ThanosCompactProperties.class).getObjstore().load().orElseThrow(),
        ctx.getBean(ThanosSidecarProperties.class).getObjstore().load().orElseThrow());
  }

  @Test
  void awsTakesTheBucketFromTheEnvironmentAndLeavesCredentialsToTheSdkChain() {
    try (var ctx = start("aws", Map.of("THANOS_S3_BUCKET", "metrics", "AWS_REGION", "eu-west-1"))) {
      for (ObjstoreConfig b : buckets(ctx)) {
        assertThat(b.type()).isEqualTo(ProviderType.S3);
        S3Config s3 = (S3Config) b.config();
        assertThat(s3.bucket()).isEqualTo("metrics");
        assertThat(s3.region()).isEqualTo("eu-west-1");
        assertThat(s3.endpoint()).isEqualTo("s3.eu-west-1.amazonaws.com");
        // no keys: S3ClientFactory hands the SDK's DefaultCredentialsProvider (IRSA, pod identity, instance role)
        assertThat(s3.hasStaticCredentials()).isFalse();
      }
    }
  }

  @Test
  void awsWithoutItsEnvironmentFailsNamingTheVariable() {
    try (var ctx = start("aws", Map.of("AWS_REGION", "eu-west-1"))) {
      assertThatThrownBy(() -> buckets(ctx)).hasMessageContaining("needs THANOS_S3_BUCKET");
    }
  }

  @Test
  void azureUsesTheDefaultAzureCredentialWhenTheYamlHasNoKey() {
    try (var ctx = start("azure", Map.of("AZURE_STORAGE_ACCOUNT", "acct", "THANOS_AZURE_CONTAINER", "thanos"))) {
      for (ObjstoreConfig b : buckets(ctx)) {
        AzureConfig az = (AzureConfig) b.config();
        assertThat(az.storageAccount()).isEqualTo("acct");
        assertThat(az.container()).isEqualTo("thanos");
        assertThat(az.storageAccountKey()).isEmpty(); // AzureClients: DefaultAzureCredential (workload identity)
        assertThat(az.storageConnectionString()).isEmpty();
      }
    }
  }

  @Test
  void gcsUsesApplicationDefaultCredentialsWhenTheYamlHasNoServiceAccount() {
    try (var ctx = start("gcs", Map.of("THANOS_GCS_BUCKET", "thanos-gcs"))) {
      for (ObjstoreConfig b : buckets(ctx)) {
        GcsConfig gcs = (GcsConfig) b.config();
        assertThat(gcs.bucket()).isEqualTo("thanos-gcs");
        assertThat(gcs.serviceAccount()).isEmpty(); // GcsBucket: GoogleCredentials.getApplicationDefault()
      }
    }
  }

  @Test
  void devPutsTheBucketOnTheLocalFilesystem() {
    try (var ctx = start("dev", Map.of("THANOS_DEV_BUCKET", "/tmp/dev-bucket"))) {
      for (ObjstoreConfig b : buckets(ctx)) {
        assertThat(((FilesystemConfig) b.config()).directory()).isEqualTo("/tmp/dev-bucket");
      }
      assertThat(ctx.getEnvironment().getProperty("logging.level.io.thanosjvm")).isEqualTo("debug");
    }
  }

  @Test
  void k8sLogsJsonAndEnablesTheProbesAndKubernetesPlatform() {
    try (var ctx = start("k8s", Map.of())) {
      assertThat(ctx.getBean(ThanosProperties.class).getLog().getFormat()).isEqualTo("json");
      assertThat(ctx.getEnvironment().getProperty("spring.main.cloud-platform")).isEqualTo("kubernetes");
      assertThat(ctx.getEnvironment().getProperty("server.shutdown")).isEqualTo("graceful");
      assertThat(ctx.getEnvironment().getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
      // no bucket from this profile: the chart gives it with --objstore.config-file
      assertThat(ctx.getBean(ThanosStoreProperties.class).getObjstore().isSet()).isFalse();
    }
  }

  @Test
  void aFlagWinsOverTheProfile() {
    try (var ctx = start("k8s", Map.of(), "--thanos.log.format=logfmt")) {
      assertThat(ctx.getBean(ThanosProperties.class).getLog().getFormat()).isEqualTo("logfmt");
    }
  }
}
