package io.thanosjvm.objstore.config;

/** How S3 requests address the bucket ({@code bucket_lookup_type}). */
public enum BucketLookupType {
  /** Virtual-hosted style for AWS endpoints, path style for other endpoints (as minio-go decides). */
  AUTO("auto"),
  /** {@code https://<bucket>.<endpoint>/<key>}. */
  VIRTUAL_HOSTED("virtual-hosted"),
  /** {@code https://<endpoint>/<bucket>/<key>}. */
  PATH("path");

  private final String yamlValue;

  BucketLookupType(String yamlValue) {
    this.yamlValue = yamlValue;
  }

  /** Returns the value as written in YAML. */
  public String yamlValue() {
    return yamlValue;
  }

  /** Parses the YAML value; null for an unknown one. */
  static BucketLookupType fromYaml(String value) {
    for (BucketLookupType t : values()) {
      if (t.yamlValue.equals(value)) {
        return t;
      }
    }
    return null;
  }
}
