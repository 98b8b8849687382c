package io.thanosjvm.objstore.config;

import java.util.Locale;

/** The objstore {@code type} values Thanos knows; only some have a provider here. */
public enum ProviderType {
  /** Amazon S3 and S3-compatible stores. */
  S3(true),
  /** Google Cloud Storage. */
  GCS(true),
  /** Azure Blob Storage. */
  AZURE(true),
  /** Local directory (tests and demos). */
  FILESYSTEM(true),
  /** OpenStack Swift (not implemented here). */
  SWIFT(false),
  /** Tencent COS (not implemented here). */
  COS(false),
  /** Alibaba OSS (not implemented here). */
  ALIYUNOSS(false),
  /** Baidu BOS (not implemented here). */
  BOS(false),
  /** Oracle Cloud (not implemented here). */
  OCI(false),
  /** Huawei OBS (not implemented here). */
  OBS(false);

  private final boolean supported;

  ProviderType(boolean supported) {
    this.supported = supported;
  }

  /** Returns whether this implementation has a provider for the type. */
  public boolean supported() {
    return supported;
  }

  /** Parses a {@code type} value case-insensitively; null when unknown. */
  static ProviderType parse(String value) {
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
