package io.thanosjvm.objstore.config;

/** The provider-specific {@code config} section of an objstore YAML. */
public sealed interface ProviderConfig permits S3Config, GcsConfig, AzureConfig, FilesystemConfig {}
